import { describe, expect, it } from 'vitest';
import type { QueueEdge } from './flow-types.js';
import { insertOnEdge } from './insert-on-edge.js';

const edge = (
  id: string,
  source: string,
  target: string,
  extra: Partial<QueueEdge['data']> = {},
): QueueEdge => ({
  id,
  type: 'queue',
  source,
  sourceHandle: 'out',
  target,
  targetHandle: 'in',
  data: { capacity: 64, overflow: 'block', ...extra },
});
const worker = { inputs: ['in'], outputs: ['out'] };

describe('insertOnEdge', () => {
  /*
   *   a ──e1 [500, drop-oldest]──▶ b     + w     a ──e1──▶ w ──e2──▶ b (both 500, drop-oldest)
   */
  it('splits the edge through the node, both halves copying the queue settings', () => {
    const edges = [edge('e1', 'a', 'b', { capacity: 500, overflow: 'drop-oldest', transport: 'nats' })];
    const out = insertOnEdge(edges, 'e1', 'w', worker);
    expect(Array.isArray(out)).toBe(true);
    expect(
      (out as QueueEdge[]).map((e) => [e.id, e.source, e.sourceHandle, e.target, e.targetHandle, e.data]),
    ).toEqual([
      ['e1', 'a', 'out', 'w', 'in', { capacity: 500, overflow: 'drop-oldest', transport: 'nats' }],
      ['e2', 'w', 'out', 'b', 'in', { capacity: 500, overflow: 'drop-oldest', transport: 'nats' }],
    ]);
  });

  it('uses the ports the kind declares (first input, first output)', () => {
    const edges = [edge('e3', 'a', 'b'), edge('e7', 'b', 'c')];
    const out = insertOnEdge(edges, 'e3', 'p', { inputs: ['left', 'right'], outputs: ['out0', 'out1'] });
    expect(
      (out as QueueEdge[]).map((e) => `${e.id}:${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`),
    ).toEqual(['e3:a.out->p.left', 'e8:p.out0->b.in', 'e7:b.out->c.in']);
  });

  it('refuses sources, sinks, connected nodes and vanished edges, saying why', () => {
    const edges = [edge('e1', 'a', 'b'), edge('e2', 'b', 'c')];
    expect(insertOnEdge(edges, 'e1', 'g', { inputs: [], outputs: ['out'] })).toMatch(/no input/);
    expect(insertOnEdge(edges, 'e1', 's', { inputs: ['in'], outputs: [] })).toMatch(/no output/);
    expect(insertOnEdge(edges, 'e1', 'c', worker)).toMatch(/without connections/);
    expect(insertOnEdge(edges, 'e1', 'b', worker)).toMatch(/already on that queue/);
    expect(insertOnEdge(edges, 'e9', 'w', worker)).toMatch(/gone/);
  });
});
