import { describe, expect, it } from 'vitest';
import type { GraphInput } from './graph-schema.js';
import { describeHeld, heldChanges, heldCount, withoutHeld } from './held-changes.js';

const LIVE: Record<string, string[]> = { generator: ['rate'], worker: ['serviceTimeMs', 'concurrency'] };
const live = (kind: string) => LIVE[kind] ?? [];

const node = (id: string, kind: string, params: Record<string, unknown> = {}, x = 0) => ({
  id,
  kind,
  position: { x, y: 0 },
  params,
});
const edge = (id: string, source: string, target: string, sourcePort = 'out') => ({
  id,
  source,
  sourcePort,
  target,
  targetPort: 'in',
  capacity: 64,
  overflow: 'block' as const,
});

/*
 *   src ──e1──▶ work ──e2──▶ out
 */
const running: GraphInput = {
  schemaVersion: 1,
  name: 'g',
  nodes: [node('src', 'generator', { rate: 100 }), node('work', 'worker'), node('out', 'counter')],
  edges: [edge('e1', 'src', 'work'), edge('e2', 'work', 'out')],
};

describe('heldChanges', () => {
  it('finds nothing when only positions, live params and queue settings changed', () => {
    // ARRANGE: moved, a faster source, a bigger queue
    const canvas: GraphInput = {
      ...running,
      nodes: [
        node('src', 'generator', { rate: 900 }, 40),
        node('work', 'worker', { concurrency: 4 }),
        node('out', 'counter'),
      ],
      edges: [
        { ...edge('e1', 'src', 'work'), capacity: 8, overflow: 'drop-newest' },
        edge('e2', 'work', 'out'),
      ],
    };
    // ACT
    const h = heldChanges(running, canvas, live);
    // ASSERT
    expect(heldCount(h)).toBe(0);
    expect(describeHeld(h)).toBe('');
  });

  it('counts a deleted edge and an added node as two held changes', () => {
    //   src ──e1──▶ work          out   log
    const canvas: GraphInput = {
      ...running,
      nodes: [...running.nodes, node('log', 'log')],
      edges: [edge('e1', 'src', 'work')],
    };
    const h = heldChanges(running, canvas, live);
    expect(h).toEqual({
      addedNodes: ['log'],
      removedNodes: [],
      addedEdges: [],
      removedEdges: ['e2'],
      changedNodes: [],
    });
    expect(heldCount(h)).toBe(2);
    expect(describeHeld(h)).toBe('1 node added · 1 edge removed');
  });

  it('treats an edge id reconnected elsewhere, and a node id of another kind, as removed and added', () => {
    const canvas: GraphInput = {
      ...running,
      nodes: [running.nodes[0]!, running.nodes[1]!, node('out', 'log')],
      edges: [edge('e1', 'src', 'work'), edge('e2', 'work', 'out', 'error')],
    };
    const h = heldChanges(running, canvas, live);
    expect(h.addedNodes).toEqual(['out']);
    expect(h.removedNodes).toEqual(['out']);
    expect(h.addedEdges).toEqual(['e2']);
    expect(h.removedEdges).toEqual(['e2']);
  });

  it('holds a param the kind cannot change live, including one set back to its default', () => {
    const ran: GraphInput = {
      ...running,
      nodes: [node('src', 'generator', { rate: 100, pattern: 'burst' }), ...running.nodes.slice(1)],
    };
    const canvas: GraphInput = {
      ...running,
      nodes: [
        node('src', 'generator', { rate: 5 }),
        node('work', 'worker', { distribution: 'exponential' }),
        node('out', 'counter'),
      ],
    };
    const h = heldChanges(ran, canvas, live);
    expect(h.changedNodes).toEqual([
      { nodeId: 'src', keys: ['pattern'] },
      { nodeId: 'work', keys: ['distribution'] },
    ]);
    expect(describeHeld(h)).toBe('2 nodes with settings that need a restart');
  });
});

describe('heldChanges in distributed mode', () => {
  /*
   *   running:  src ──e1──▶ work ──e2──▶ out                 (one process, memory queues)
   *   canvas:   src ──e1──▶ work ×2 ──e2──▶ out, e2 declared nats
   */
  const canvas: GraphInput = {
    ...running,
    nodes: [running.nodes[0]!, { ...node('work', 'worker'), replicas: 2 }, running.nodes[2]!],
    edges: [edge('e1', 'src', 'work'), { ...edge('e2', 'work', 'out'), transport: 'nats' }],
  };

  it('holds replicas and process (fixed when a run starts), and edges whose transport changes', () => {
    // ACT
    const h = heldChanges(running, canvas, live);
    // ASSERT
    expect(h.changedNodes).toEqual([{ nodeId: 'work', keys: ['replicas'] }]);
    // e1 turns nats because its target is now replicated; e2 because it says so.
    expect(h.changedEdges).toEqual(['e1', 'e2']);
    expect(heldCount(h)).toBe(3);
    expect(describeHeld(h)).toBe('1 node with settings that need a restart · 2 edges with a new transport');
  });

  it('does not hold what only spells the default: process "main", replicas 1, auto vs the same transport', () => {
    const spelled: GraphInput = {
      ...running,
      nodes: running.nodes.map((n) => ({ ...n, process: 'main', replicas: 1 })),
      edges: (running.edges ?? []).map((e) => ({ ...e, transport: 'memory' as const })),
    };
    expect(heldCount(heldChanges(running, spelled, live))).toBe(0);
  });

  it('withoutHeld puts back the running process, replicas and transport', () => {
    const moved: GraphInput = {
      ...canvas,
      nodes: canvas.nodes.map((n) => (n.id === 'out' ? { ...n, process: 'sink' } : n)),
    };
    const back = withoutHeld(running, moved, live);
    expect(back.nodes.map((n) => [n.process, n.replicas])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(back.edges?.map((e) => e.transport)).toEqual([undefined, undefined]);
    expect(heldCount(heldChanges(running, back, live))).toBe(0);
  });
});

describe('withoutHeld', () => {
  it('brings back the running structure but keeps live edits and positions, so nothing is held after', () => {
    const canvas: GraphInput = {
      ...running,
      nodes: [
        node('src', 'generator', { rate: 900, pattern: 'burst' }, 80),
        node('work', 'worker'),
        node('log', 'log'),
      ],
      edges: [{ ...edge('e1', 'src', 'work'), capacity: 8 }, edge('e3', 'work', 'log')],
    };
    const back = withoutHeld(running, canvas, live);
    expect(back.nodes.map((n) => n.id)).toEqual(['src', 'work', 'out']);
    expect(back.nodes[0]).toEqual(node('src', 'generator', { rate: 900 }, 80));
    expect(back.edges?.map((e) => [e.id, e.capacity])).toEqual([
      ['e1', 8],
      ['e2', 64],
    ]);
    expect(heldCount(heldChanges(running, back, live))).toBe(0);
  });
});
