import { beforeEach, describe, expect, it } from 'vitest';
import { confirmDiscard, useDocStore } from './doc-store.js';
import { useGraphStore } from './graph-store.js';

/*
 *   source ──q──▶ sink   (a stand-in for a gallery example)
 */
const example = {
  schemaVersion: 1 as const,
  name: 'example',
  nodes: [
    { id: 'source', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 100 } },
    { id: 'sink', kind: 'counter', position: { x: 220, y: 0 }, params: {} },
  ],
  edges: [
    {
      id: 'q',
      source: 'source',
      sourcePort: 'out',
      target: 'sink',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block' as const,
    },
  ],
};

const docs = () => useDocStore.getState();

beforeEach(() => {
  useGraphStore.getState().load({ schemaVersion: 1, name: 'empty', nodes: [], edges: [] });
  docs().setSaved(null, null);
});

describe('unsaved changes', () => {
  it('a draft never saved counts as unsaved once it has a node', () => {
    // ACT
    useGraphStore.getState().load(example);
    docs().setSaved(null, null);
    // ASSERT
    expect(docs().dirty).toBe(true);
  });

  it('an example just loaded is clean, so replacing it asks nothing, until it is edited', () => {
    // ARRANGE: what loadExample does, including the spread after measuring (not an edit)
    useGraphStore.getState().load(example);
    docs().markClean();
    useGraphStore.getState().moveNodes(new Map([['sink', { x: 352, y: 0 }]]), { record: false });
    docs().markClean();
    // ASSERT: no window.confirm here (there is no window in this test: asking would throw)
    expect(docs().dirty).toBe(false);
    expect(docs().meta).toBeNull();
    expect(confirmDiscard('Open another example')).toBe(true);
    // ACT: a real edit
    useGraphStore.getState().setParam('source', ['rate'], 200);
    // ASSERT
    expect(docs().dirty).toBe(true);
    // ACT: undoing it returns to the loaded document
    useGraphStore.getState().setParam('source', ['rate'], 100);
    expect(docs().dirty).toBe(false);
  });
});
