import { describe, expect, it } from 'vitest';
import { copyFragment, pasteFragment } from './clipboard.js';
import { fromGraphDocument } from './flow-convert.js';

/*
 *   [a] ──e1──▶ [b] ──e2──▶ c          a and b selected
 */
const doc = {
  schemaVersion: 1 as const,
  name: 't',
  nodes: [
    { id: 'a', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 5 } },
    { id: 'b', kind: 'worker', position: { x: 300, y: 0 }, params: {} },
    { id: 'c', kind: 'counter', position: { x: 600, y: 0 }, params: {} },
  ],
  edges: [
    {
      id: 'e1',
      source: 'a',
      sourcePort: 'out',
      target: 'b',
      targetPort: 'in',
      capacity: 8,
      overflow: 'drop-oldest' as const,
    },
    { id: 'e2', source: 'b', sourcePort: 'out', target: 'c', targetPort: 'in' },
  ],
};

describe('copy and paste', () => {
  it('copies the selected nodes and only the edges between them', () => {
    // ARRANGE
    const { nodes, edges } = fromGraphDocument(doc);
    const picked = nodes.map((n) => ({ ...n, selected: n.id !== 'c' }));
    // ACT
    const fragment = copyFragment(picked, edges);
    // ASSERT
    expect(fragment?.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(fragment?.edges?.map((e) => e.id)).toEqual(['e1']);
  });

  it('pastes with fresh ids, shifted, keeping queue settings', () => {
    const { nodes, edges } = fromGraphDocument(doc);
    const fragment = copyFragment(
      nodes.map((n) => ({ ...n, selected: n.id !== 'c' })),
      edges,
    )!;
    const pasted = pasteFragment(
      fragment,
      { nodeIds: ['a', 'b', 'c', 'generator-1'], edgeIds: ['e1', 'e2'] },
      { x: 48, y: 48 },
    );
    expect(pasted.nodes.map((n) => [n.id, n.position])).toEqual([
      ['generator-2', { x: 48, y: 48 }],
      ['worker-1', { x: 348, y: 48 }],
    ]);
    expect(pasted.edges).toMatchObject([
      { id: 'e3', source: 'generator-2', target: 'worker-1', data: { capacity: 8, overflow: 'drop-oldest' } },
    ]);
    // The copy's params are its own: editing one must not edit the other.
    expect(pasted.nodes[0]?.data.params).toEqual({ rate: 5 });
    expect(pasted.nodes[0]?.data.params).not.toBe(fragment.nodes[0]?.params);
  });

  it('a pasted copy keeps process, replicas and transport', () => {
    const spread = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'b' ? { ...n, process: 'pool', replicas: 3 } : n)),
      edges: doc.edges.map((e) => (e.id === 'e1' ? { ...e, transport: 'nats' as const } : e)),
    };
    const { nodes, edges } = fromGraphDocument(spread);
    const fragment = copyFragment(
      nodes.map((n) => ({ ...n, selected: n.id !== 'c' })),
      edges,
    )!;
    const pasted = pasteFragment(fragment, { nodeIds: [], edgeIds: [] }, { x: 0, y: 0 });
    expect(pasted.nodes[1]?.data).toMatchObject({ process: 'pool', replicas: 3 });
    expect(pasted.edges[0]?.data).toMatchObject({ transport: 'nats' });
  });

  it('copies nothing when nothing is selected', () => {
    const { nodes, edges } = fromGraphDocument(doc);
    expect(copyFragment(nodes, edges)).toBeNull();
  });
});
