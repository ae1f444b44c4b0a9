import { describe, expect, it } from 'vitest';
import { heldChanges } from '../../../shared/graph/held-changes.js';
import { fromGraphDocument, toGraphDocument } from './flow-convert.js';
import { shownGraph } from './held-view.js';

/*
 *   running:  src ──e1──▶ out
 *   canvas:   src          out   log     (e1 deleted, log added)
 */
const running = {
  schemaVersion: 1 as const,
  name: 'g',
  nodes: [
    { id: 'src', kind: 'generator', position: { x: 0, y: 0 }, params: {} },
    { id: 'out', kind: 'counter', position: { x: 300, y: 0 }, params: {} },
  ],
  edges: [
    {
      id: 'e1',
      source: 'src',
      sourcePort: 'out',
      target: 'out',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block' as const,
    },
  ],
};

describe('shownGraph', () => {
  it('draws a deleted edge that still runs as a frozen ghost and marks the added node', () => {
    // ARRANGE
    const canvas = fromGraphDocument({
      ...running,
      nodes: [...running.nodes, { id: 'log', kind: 'log', position: { x: 0, y: 200 }, params: {} }],
      edges: [],
    });
    const held = heldChanges(running, toGraphDocument('g', canvas.nodes, canvas.edges), () => []);
    // ACT
    const shown = shownGraph(canvas.nodes, canvas.edges, running, held, new Map());
    // ASSERT
    expect(shown.nodes.map((n) => [n.id, n.data.held])).toEqual([
      ['src', undefined],
      ['out', undefined],
      ['log', 'added'],
    ]);
    expect(shown.edges).toHaveLength(1);
    expect(shown.edges[0]).toMatchObject({
      id: 'e1',
      selectable: false,
      deletable: false,
      data: { held: 'removed' },
    });
    // The document itself is untouched: nothing "held" is ever saved.
    expect(canvas.nodes.every((n) => n.data.held === undefined)).toBe(true);
  });

  it('draws a deleted node at the size it last had, and never twice under one id', () => {
    const canvas = fromGraphDocument({ ...running, nodes: [running.nodes[0]!], edges: [] });
    const held = heldChanges(running, toGraphDocument('g', canvas.nodes, canvas.edges), () => []);
    const shown = shownGraph(
      canvas.nodes,
      canvas.edges,
      running,
      held,
      new Map([['out', { width: 232, height: 150 }]]),
    );
    const ghost = shown.nodes.find((n) => n.id === 'out');
    expect(ghost).toMatchObject({
      draggable: false,
      measured: { width: 232, height: 150 },
      data: { held: 'removed' },
    });
    expect(new Set(shown.nodes.map((n) => n.id)).size).toBe(shown.nodes.length);
  });
});

describe('shownGraph in distributed mode', () => {
  it('marks an edge whose transport waits for the next run as changed, and its replicated target too', () => {
    // ARRANGE: the running graph had one process; the canvas replicates `out` (e1 turns nats).
    const canvas = fromGraphDocument({
      ...running,
      nodes: running.nodes.map((n) => (n.id === 'out' ? { ...n, replicas: 2 } : n)),
    });
    const held = heldChanges(running, toGraphDocument('g', canvas.nodes, canvas.edges), () => []);
    // ACT
    const shown = shownGraph(canvas.nodes, canvas.edges, running, held, new Map());
    // ASSERT
    expect(shown.edges.map((e) => [e.id, e.data?.held])).toEqual([['e1', 'changed']]);
    expect(shown.nodes.find((n) => n.id === 'out')?.data.held).toBe('changed');
  });
});
