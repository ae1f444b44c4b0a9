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
