import { beforeEach, describe, expect, it } from 'vitest';
import { useGraphStore } from './graph-store.js';

const store = () => useGraphStore.getState();

beforeEach(() => {
  store().load({ schemaVersion: 1, name: 'test', nodes: [], edges: [] });
});

describe('graph store', () => {
  it('numbers nodes per kind and selects the newest', () => {
    // ACT
    const a = store().addNode('generator', { x: 0, y: 0 });
    const b = store().addNode('worker', { x: 300, y: 0 });
    const c = store().addNode('generator', { x: 0, y: 200 });
    // ASSERT
    expect([a, b, c]).toEqual(['generator-1', 'worker-1', 'generator-2']);
    expect(store().selection).toEqual({ type: 'node', id: 'generator-2' });
    expect(
      store()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    ).toEqual(['generator-2']);
  });

  it('sets a node label as one undo step per burst of typing; blank removes it from the node', () => {
    const id = store().addNode('worker', { x: 0, y: 0 });
    store().setLabel(id, 'Slow');
    store().setLabel(id, 'Slow DB');
    expect(store().nodes[0]?.data.label).toBe('Slow DB');
    store().setLabel(id, '   ');
    expect('label' in (store().nodes[0]?.data ?? {})).toBe(false);
    store().setLabel(id, 'x'.repeat(500));
    expect(store().nodes[0]?.data.label).toHaveLength(200);
    store().load({ schemaVersion: 1, name: 't', nodes: [{ id: 'a', kind: 'worker' }] }, { readOnly: true });
    store().setLabel('a', 'nope');
    expect(store().nodes[0]?.data.label).toBeUndefined();
  });

  /*
   *   generator-1 --e1--> worker-1 --e2--> counter-1
   */
  it('connects ports as 64-item blocking queues e1, e2, …', () => {
    store().addNode('generator', { x: 0, y: 0 });
    store().addNode('worker', { x: 300, y: 0 });
    store().addNode('counter', { x: 600, y: 0 });
    store().onConnect({ source: 'generator-1', sourceHandle: 'out', target: 'worker-1', targetHandle: 'in' });
    store().onConnect({ source: 'worker-1', sourceHandle: 'out', target: 'counter-1', targetHandle: 'in' });
    expect(store().edges.map((e) => [e.id, e.source, e.target, e.data])).toEqual([
      ['e1', 'generator-1', 'worker-1', { capacity: 64, overflow: 'block' }],
      ['e2', 'worker-1', 'counter-1', { capacity: 64, overflow: 'block' }],
    ]);
  });

  it('sets nested params and removes them again', () => {
    store().addNode('worker', { x: 0, y: 0 });
    store().setParam('worker-1', ['serviceTimeMs'], 2);
    store().setParam('worker-1', ['retry', 'attempts'], 5);
    expect(store().nodes[0]?.data.params).toEqual({ serviceTimeMs: 2, retry: { attempts: 5 } });
    store().setParam('worker-1', ['retry', 'attempts'], undefined);
    expect(store().nodes[0]?.data.params).toEqual({ serviceTimeMs: 2 });
  });

  it("sets a node's process and replicas as one undoable step each, and clears them to the default", () => {
    // ARRANGE
    const w = store().addNode('worker', { x: 0, y: 0 });
    const steps = store().past.length;
    // ACT
    store().setNodeDist(w, { replicas: 3 });
    store().setNodeDist(w, { process: 'pool' });
    // ASSERT
    expect(store().nodes[0]?.data).toMatchObject({ process: 'pool', replicas: 3 });
    expect(store().past.length).toBe(steps + 2);
    store().setNodeDist(w, { process: undefined, replicas: undefined });
    expect(store().nodes[0]?.data).not.toHaveProperty('process');
    expect(store().nodes[0]?.data).not.toHaveProperty('replicas');
    store().undo();
    expect(store().nodes[0]?.data).toMatchObject({ process: 'pool', replicas: 3 });
  });

  it('deleting a selected node removes the edges that touch it', () => {
    store().addNode('generator', { x: 0, y: 0 });
    store().addNode('counter', { x: 300, y: 0 });
    store().onConnect({
      source: 'generator-1',
      sourceHandle: 'out',
      target: 'counter-1',
      targetHandle: 'in',
    });
    store().select({ type: 'node', id: 'counter-1' });
    store().deleteSelection();
    expect(store().nodes.map((n) => n.id)).toEqual(['generator-1']);
    expect(store().edges).toEqual([]);
    expect(store().selection).toBeNull();
  });

  it('keeps the selection object when a change does not alter it', () => {
    store().addNode('generator', { x: 0, y: 0 });
    const before = store().selection;
    store().onNodesChange([{ type: 'position', id: 'generator-1', position: { x: 40, y: 40 } }]);
    expect(store().selection).toBe(before);
    store().select({ type: 'edge', id: 'missing' });
    expect(store().selection).toBeNull();
  });
});

describe('undo and redo', () => {
  it('undoes and redoes structural edits one step at a time', () => {
    store().addNode('generator', { x: 0, y: 0 });
    store().addNode('counter', { x: 300, y: 0 });
    store().onConnect({
      source: 'generator-1',
      sourceHandle: 'out',
      target: 'counter-1',
      targetHandle: 'in',
    });
    // ACT
    store().undo();
    // ASSERT
    expect(store().edges).toEqual([]);
    store().undo();
    expect(store().nodes.map((n) => n.id)).toEqual(['generator-1']);
    store().redo();
    store().redo();
    expect(store().edges.map((e) => e.id)).toEqual(['e1']);
    expect(store().future).toEqual([]);
  });

  it('folds a burst of edits to one field into one step', () => {
    store().addNode('generator', { x: 0, y: 0 });
    for (const v of [2, 20, 200, 2000]) store().setParam('generator-1', ['rate'], v);
    store().undo();
    expect(store().nodes[0]?.data.params).toEqual({});
  });

  it('keeps at least 100 steps, and a new edit drops the redo list', () => {
    store().addNode('generator', { x: 0, y: 0 });
    for (let i = 0; i < 120; i++) store().moveNodes(new Map([['generator-1', { x: i, y: 0 }]]));
    expect(store().past.length).toBeGreaterThanOrEqual(100);
    store().undo();
    expect(store().future.length).toBe(1);
    store().setName('renamed');
    expect(store().future).toEqual([]);
  });

  it('records a drag once, and not at all when nothing moved', () => {
    store().addNode('generator', { x: 0, y: 0 });
    const before = store().past.length;
    store().beginDrag();
    store().endDrag();
    expect(store().past.length).toBe(before);
    store().beginDrag();
    for (let x = 1; x <= 5; x++)
      store().onNodesChange([{ type: 'position', id: 'generator-1', position: { x, y: 0 }, dragging: true }]);
    store().endDrag();
    expect(store().past.length).toBe(before + 1);
    store().undo();
    expect(store().nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('duplicates the selection with its inner edges, and refuses edits when read-only', () => {
    store().addNode('generator', { x: 0, y: 0 });
    store().addNode('counter', { x: 300, y: 0 });
    store().onConnect({
      source: 'generator-1',
      sourceHandle: 'out',
      target: 'counter-1',
      targetHandle: 'in',
    });
    store().selectAll();
    store().duplicateSelection();
    expect(store().nodes.map((n) => n.id)).toEqual(['generator-1', 'counter-1', 'generator-2', 'counter-2']);
    expect(store().edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      'generator-1->counter-1',
      'generator-2->counter-2',
    ]);
    expect(store().selection).toMatchObject({ type: 'many', nodeIds: ['generator-2', 'counter-2'] });
    store().load({ schemaVersion: 1, name: 'shared', nodes: [], edges: [] }, { readOnly: true });
    expect(store().addNode('generator', { x: 0, y: 0 })).toBe('');
    expect(store().nodes).toEqual([]);
  });
});
