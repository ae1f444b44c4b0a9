import { beforeEach, describe, expect, it } from 'vitest';
import { graphSchema } from '../../../shared/graph/graph-schema.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { useGraphStore } from '../stores/graph-store.js';
import { deleteGroup, groupSelection, renameGroup, setGroupCollapsed, ungroup } from './group-actions.js';

const doc = {
  schemaVersion: 1 as const,
  name: 't',
  nodes: [
    { id: 'a', kind: 'generator', position: { x: 0, y: 0 } },
    { id: 'b', kind: 'worker', position: { x: 300, y: 0 } },
    { id: 'c', kind: 'counter', position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'b' },
    { id: 'e2', source: 'b', target: 'c' },
  ],
};
const g = () => useGraphStore.getState();
const docOf = () => toGraphDocument(g().name, g().nodes, g().edges, g().notes, g().groups);
const selectAB = () =>
  useGraphStore.setState({ nodes: g().nodes.map((n) => ({ ...n, selected: n.id !== 'c' })) });

beforeEach(() => g().load(doc));

describe('group actions', () => {
  it('groups the selection; rename and collapse are saved in a valid document', () => {
    selectAB();
    expect(groupSelection()).toBe('g1');
    renameGroup('g1', '  Intake  ');
    setGroupCollapsed('g1', true);
    const out = docOf();
    expect(out.groups).toEqual([
      { id: 'g1', title: 'Intake', color: 'blue', nodeIds: ['a', 'b'], collapsed: true },
    ]);
    expect(graphSchema.safeParse(out).success).toBe(true);
    // Loading the document back gives the same groups.
    g().load(out);
    expect(g().groups).toEqual(out.groups);
  });

  it('each group edit is one undo step, and redo brings it back', () => {
    selectAB();
    groupSelection();
    renameGroup('g1', 'Intake');
    g().undo();
    expect(g().groups[0]?.title).toBe('Group 1');
    g().undo();
    expect(g().groups).toEqual([]);
    g().redo();
    g().redo();
    expect(g().groups[0]?.title).toBe('Intake');
  });

  it('ungroup keeps the nodes; delete takes them and their queues, and undo restores both', () => {
    selectAB();
    groupSelection();
    ungroup('g1');
    expect(g().groups).toEqual([]);
    expect(g().nodes).toHaveLength(3);
    g().undo();
    deleteGroup('g1');
    expect(g().nodes.map((n) => n.id)).toEqual(['c']);
    expect(g().edges).toEqual([]);
    expect(g().groups).toEqual([]);
    g().undo();
    expect(g().nodes).toHaveLength(3);
    expect(g().groups.map((x) => x.nodeIds)).toEqual([['a', 'b']]);
  });

  it('a node deleted on its own leaves its group; nothing changes on a read-only graph', () => {
    selectAB();
    groupSelection();
    useGraphStore.setState({ nodes: g().nodes.map((n) => ({ ...n, selected: n.id === 'b' })) });
    g().deleteSelection();
    expect(g().groups.map((x) => x.nodeIds)).toEqual([['a']]);

    g().load(
      { ...doc, groups: [{ id: 'g1', title: 'x', color: 'red', nodeIds: ['a'] }] },
      { readOnly: true },
    );
    selectAB();
    expect(groupSelection()).toBeNull();
    renameGroup('g1', 'changed');
    setGroupCollapsed('g1', true);
    ungroup('g1');
    expect(g().groups).toEqual([{ id: 'g1', title: 'x', color: 'red', nodeIds: ['a'] }]);
  });
});
