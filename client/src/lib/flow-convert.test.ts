import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../shared/compiler/compile.js';
import { fromGraphDocument, structureKey, toGraphDocument } from './flow-convert.js';

/*
 *   src(generator) --e1--> work(worker) --e2--> out(counter)
 */
const doc = {
  schemaVersion: 1 as const,
  name: 'slow consumer',
  nodes: [
    { id: 'src', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 2000 } },
    { id: 'work', kind: 'worker', position: { x: 250, y: 0 }, params: { serviceTimeMs: 2 } },
    { id: 'out', kind: 'counter', position: { x: 500, y: 0 }, params: {} },
  ],
  edges: [
    {
      id: 'e1',
      source: 'src',
      sourcePort: 'out',
      target: 'work',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block' as const,
    },
    {
      id: 'e2',
      source: 'work',
      sourcePort: 'out',
      target: 'out',
      targetPort: 'in',
      capacity: 8,
      overflow: 'drop-oldest' as const,
    },
  ],
};

describe('graph document ↔ canvas', () => {
  it('round-trips the contract example', () => {
    // ACT
    const { nodes, edges } = fromGraphDocument(doc);
    const back = toGraphDocument(doc.name, nodes, edges);
    // ASSERT
    expect(back).toEqual(doc);
    expect(nodes[0]).toMatchObject({ type: 'sluice', data: { kind: 'generator', params: { rate: 2000 } } });
    expect(edges[1]).toMatchObject({
      type: 'queue',
      sourceHandle: 'out',
      targetHandle: 'in',
      data: { capacity: 8 },
    });
  });

  it('produces a document the shared compiler accepts', () => {
    const { nodes, edges } = fromGraphDocument(doc);
    expect(compileGraph(toGraphDocument('x', nodes, edges)).ok).toBe(true);
  });

  it('fills edge defaults (64, block) and rounds positions', () => {
    const { nodes, edges } = fromGraphDocument({
      schemaVersion: 1,
      nodes: [{ id: 'a', kind: 'generator', position: { x: 1.4, y: 2.6 } }],
      edges: [{ id: 'e1', source: 'a', target: 'b' }],
    });
    const out = toGraphDocument('n', nodes, edges);
    expect(out.nodes[0]?.position).toEqual({ x: 1, y: 3 });
    expect(out.edges?.[0]).toMatchObject({
      sourcePort: 'out',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block',
    });
  });
});

describe('distributed fields', () => {
  /*
   *   src --e1 [nats]--> work ×2 (process "pool") --e2--> out
   */
  const dist = {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === 'work' ? { ...n, process: 'pool', replicas: 2 } : n)),
    edges: doc.edges.map((e) => (e.id === 'e1' ? { ...e, transport: 'nats' as const } : e)),
  };

  it('round-trips process, replicas and transport, and leaves unset ones out', () => {
    // ACT
    const { nodes, edges } = fromGraphDocument(dist);
    const back = toGraphDocument(dist.name, nodes, edges);
    // ASSERT
    expect(back).toEqual(dist);
    expect(back.nodes[0]).not.toHaveProperty('process');
    expect(back.nodes[0]).not.toHaveProperty('replicas');
    expect(back.edges?.[1]).not.toHaveProperty('transport');
  });

  it('an edge set back to auto (transport undefined) is written without the field', () => {
    const { nodes, edges } = fromGraphDocument(dist);
    const auto = edges.map((e) => ({ ...e, data: { ...e.data!, transport: undefined } }));
    expect(toGraphDocument('x', nodes, auto).edges?.[0]).not.toHaveProperty('transport');
  });

  it('round-trips an edge asking to fuse (issue 21), and a switched-off one is written without the field', () => {
    const fused = { ...doc, edges: doc.edges.map((e) => (e.id === 'e2' ? { ...e, fuse: true } : e)) };
    const { nodes, edges } = fromGraphDocument(fused);
    expect(toGraphDocument(fused.name, nodes, edges)).toEqual(fused);
    const plain = fromGraphDocument(doc);
    expect(structureKey(nodes, edges)).not.toBe(structureKey(plain.nodes, plain.edges));
    const off = edges.map((e) => ({ ...e, data: { ...e.data!, fuse: undefined } }));
    expect(toGraphDocument('x', nodes, off).edges?.[1]).not.toHaveProperty('fuse');
  });

  it('changes the structure key (the compiler must look again)', () => {
    const plain = fromGraphDocument(doc);
    const spread = fromGraphDocument(dist);
    expect(structureKey(spread.nodes, plain.edges)).not.toBe(structureKey(plain.nodes, plain.edges));
    expect(structureKey(plain.nodes, spread.edges)).not.toBe(structureKey(plain.nodes, plain.edges));
  });
});

describe('structureKey', () => {
  it('ignores positions and selection but not params', () => {
    const { nodes, edges } = fromGraphDocument(doc);
    const key = structureKey(nodes, edges);
    const moved = nodes.map((n) => ({ ...n, position: { x: n.position.x + 10, y: 5 }, selected: true }));
    expect(structureKey(moved, edges)).toBe(key);
    const edited = nodes.map((n) =>
      n.id === 'src' ? { ...n, data: { ...n.data, params: { rate: 1 } } } : n,
    );
    expect(structureKey(edited, edges)).not.toBe(key);
  });
});
