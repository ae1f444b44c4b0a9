import { describe, expect, it } from 'vitest';
import type { QueueEdge, SluiceNode } from './flow-types.js';
import {
  FRAME_PAD,
  FRAME_TITLE,
  frameBounds,
  groupUnder,
  leavesGroup,
  pruneGroups,
  withNewGroup,
} from './group-model.js';
import { groupView, memberMoves } from './group-view.js';

const placed = (id: string, x: number, y: number): SluiceNode => ({
  id,
  type: 'sluice',
  position: { x, y },
  measured: { width: 200, height: 100 },
  data: { kind: 'worker', params: {} },
});
const queue = (id: string, source: string, target: string): QueueEdge => ({
  id,
  type: 'queue',
  source,
  target,
  sourceHandle: 'out',
  targetHandle: 'in',
  data: { capacity: 64, overflow: 'block' },
});

//   a ──e1──▶ b ──e2──▶ c        group g1 = { a, b }
const nodes = [placed('a', 0, 0), placed('b', 320, 32), placed('c', 640, 0)];
const edges = [queue('e1', 'a', 'b'), queue('e2', 'b', 'c')];
const g1 = { id: 'g1', title: 'Intake', color: 'teal' as const, nodeIds: ['a', 'b'] };
const byId = new Map(nodes.map((n) => [n.id, n]));

describe('group frames', () => {
  it('frames its nodes with room for the title, derived from where they are', () => {
    expect(frameBounds(['a', 'b'], byId)).toEqual({
      x: -FRAME_PAD,
      y: -FRAME_PAD - FRAME_TITLE,
      width: 520 + 2 * FRAME_PAD,
      height: 132 + 2 * FRAME_PAD + FRAME_TITLE,
    });
    expect(frameBounds(['gone'], byId)).toBeNull();
  });

  it('a node dropped clear of the frame it started in leaves the group; one dropped on it stays', () => {
    const start = frameBounds(['a', 'b'], byId);
    if (!start) throw new Error('no frame');
    expect(leavesGroup(g1, 'b', new Map(byId).set('b', placed('b', 900, 500)), start)).toBe(true);
    // Dragged a little (still on the frame it started in): it stays.
    expect(leavesGroup(g1, 'b', new Map(byId).set('b', placed('b', 400, 60)), start)).toBe(false);
    // Held still while dragged: the frame shown is the one at the start.
    const held = groupView(nodes, edges, [g1], false, {
      groupId: 'g1',
      frame: { x: 1, y: 2, width: 3, height: 4 },
    });
    expect(held.frames[0]).toMatchObject({ position: { x: 1, y: 2 }, width: 3, height: 4 });
    // A node in no group dropped with its centre inside a frame joins it; beside it, not.
    expect(groupUnder([g1], 'c', new Map(byId).set('c', placed('c', 100, 20)))).toBe(g1);
    expect(groupUnder([g1], 'c', byId)).toBeUndefined();
    expect(
      groupUnder([{ ...g1, collapsed: true }], 'c', new Map(byId).set('c', placed('c', 100, 20))),
    ).toBeUndefined();
    // The last node of a group is its group wherever it goes.
    expect(
      leavesGroup({ ...g1, nodeIds: ['a'] }, 'a', new Map(byId).set('a', placed('a', 900, 900)), start),
    ).toBe(false);
  });

  it('drags the members by the frame’s shift', () => {
    const frame = frameBounds(['a', 'b'], byId);
    if (!frame) throw new Error('no frame');
    const moves = memberMoves(
      [{ type: 'position', id: 'group:g1', position: { x: frame.x + 16, y: frame.y + 48 }, dragging: true }],
      nodes,
      [g1],
    );
    expect(moves).toEqual([
      { type: 'position', id: 'a', position: { x: 16, y: 48 } },
      { type: 'position', id: 'b', position: { x: 336, y: 80 } },
    ]);
  });

  it('collapsed: one box instead of the nodes, the crossing queue on its port, the inner one hidden', () => {
    const view = groupView(nodes, edges, [{ ...g1, collapsed: true }], true);
    expect(view.frames).toMatchObject([{ id: 'group:g1', type: 'groupBox', draggable: false }]);
    expect(view.nodes.filter((n) => n.hidden).map((n) => n.id)).toEqual(['a', 'b']);
    expect(view.edges.find((e) => e.id === 'e1')?.hidden).toBe(true);
    expect(view.edges.find((e) => e.id === 'e2')).toMatchObject({
      source: 'group:g1',
      sourceHandle: 'out',
      target: 'c',
    });
    // Expanded: a frame under the nodes, nothing else changed.
    const open = groupView(nodes, edges, [g1], false);
    expect(open.frames).toMatchObject([{ type: 'groupFrame', zIndex: -1, draggable: true }]);
    expect(open.nodes).toBe(nodes);
    expect(open.edges).toBe(edges);
  });

  it('new groups take their nodes out of others; deleted nodes leave their groups', () => {
    const made = withNewGroup([g1], ['b', 'c']);
    expect(made?.groups.map((g) => [g.id, g.nodeIds])).toEqual([
      ['g1', ['a']],
      ['g2', ['b', 'c']],
    ]);
    const groups = [g1];
    expect(pruneGroups(groups, new Set(['a', 'b', 'c']))).toBe(groups);
    expect(pruneGroups(groups, new Set(['b']))).toEqual([{ ...g1, nodeIds: ['b'] }]);
    expect(pruneGroups(groups, new Set(['c']))).toEqual([]);
  });
});
