import { describe, expect, it } from 'vitest';
import { edgeTransports, edgeTransportsOf, processesUsed } from './broker-edges.js';
import { fromGraphDocument } from './flow-convert.js';

/*
 *   gen ──e1──▶ work ×2 ──e2──▶ out          (all in "main")
 *   gen ──e3──▶ log (process "edge")
 *   gen ──e4 [memory, declared]──▶ tap
 *   gen ──e5 [nats, declared]──▶ tap2
 */
const doc = {
  schemaVersion: 1 as const,
  nodes: [
    { id: 'gen', kind: 'generator' },
    { id: 'work', kind: 'worker', replicas: 2 },
    { id: 'out', kind: 'counter' },
    { id: 'log', kind: 'log', process: 'edge' },
    { id: 'tap', kind: 'counter' },
    { id: 'tap2', kind: 'counter', process: 'main' },
  ],
  edges: [
    { id: 'e1', source: 'gen', target: 'work' },
    { id: 'e2', source: 'work', target: 'out' },
    { id: 'e3', source: 'gen', target: 'log' },
    { id: 'e4', source: 'gen', target: 'tap', transport: 'memory' as const },
    { id: 'e5', source: 'gen', target: 'tap2', transport: 'nats' as const },
  ],
};

describe('edgeTransports', () => {
  it('resolves each edge as the compiler does: declared, else nats across processes or replicas', () => {
    // ARRANGE
    const { nodes, edges } = fromGraphDocument(doc);
    // ACT
    const map = edgeTransports(nodes, edges);
    // ASSERT
    expect(Object.fromEntries(map)).toEqual({
      e1: 'nats',
      e2: 'nats',
      e3: 'nats',
      e4: 'memory',
      e5: 'nats',
    });
  });

  it('a graph without distributed fields is all memory', () => {
    const { nodes, edges } = fromGraphDocument({
      schemaVersion: 1,
      nodes: [
        { id: 'a', kind: 'generator' },
        { id: 'b', kind: 'counter' },
      ],
      edges: [{ id: 'e1', source: 'a', target: 'b' }],
    });
    expect(edgeTransports(nodes, edges).get('e1')).toBe('memory');
  });

  it('computes once per pair of arrays, again when either changes', () => {
    const { nodes, edges } = fromGraphDocument(doc);
    const first = edgeTransportsOf(nodes, edges);
    expect(edgeTransportsOf(nodes, edges)).toBe(first);
    const single = nodes.map((n) => (n.id === 'work' ? { ...n, data: { ...n.data, replicas: 1 } } : n));
    expect(edgeTransportsOf(single, edges).get('e1')).toBe('memory');
  });
});

describe('processesUsed', () => {
  it('offers "main" first, then the named processes once each, sorted', () => {
    const { nodes } = fromGraphDocument({
      schemaVersion: 1,
      nodes: [
        { id: 'a', kind: 'generator', process: 'zeta' },
        { id: 'b', kind: 'worker', process: 'alpha' },
        { id: 'c', kind: 'counter', process: 'zeta' },
        { id: 'd', kind: 'counter', process: 'main' },
      ],
    });
    expect(processesUsed(nodes)).toEqual(['main', 'alpha', 'zeta']);
  });
});
