import type { GroupColor } from '../../../shared/graph/graph-schema.js';
import { MAX_GROUP_TITLE, MAX_GROUPS } from '../../../shared/graph/graph-schema.js';
import {
  type CanvasGroup,
  frameBounds,
  groupOf,
  groupUnder,
  leavesGroup,
  type Placed,
  withNewGroup,
} from '../lib/group-model.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useGroupEditStore } from '../stores/group-edit-store.js';
import { toast } from '../stores/toast-store.js';

const editable = () => !useGraphStore.getState().readOnly;

function patchGroup(id: string, patch: (g: CanvasGroup) => CanvasGroup): void {
  const { groups, setGroups } = useGraphStore.getState();
  if (!editable()) return;
  let changed = false;
  const next = groups.map((g) => {
    if (g.id !== id) return g;
    const p = patch(g);
    changed ||= p !== g;
    return p;
  });
  if (changed) setGroups(next);
}

/** Frames the selected nodes as a new group (Ctrl+G) and opens its title for typing; returns its id. */
export function groupSelection(): string | null {
  const { nodes, groups, setGroups } = useGraphStore.getState();
  if (!editable()) return null;
  const picked = nodes.filter((n) => n.selected).map((n) => n.id);
  if (picked.length === 0) {
    toast('Select the nodes to group first (Shift+drag or Shift+click)', 'warn');
    return null;
  }
  const made = withNewGroup(groups, picked);
  if (!made) {
    toast(`A graph holds at most ${MAX_GROUPS} groups: ungroup one first`, 'warn');
    return null;
  }
  setGroups(made.groups);
  useGroupEditStore.setState({ renaming: made.id, palette: null });
  return made.id;
}

export function renameGroup(id: string, title: string): void {
  const next = title.trim().slice(0, MAX_GROUP_TITLE);
  patchGroup(id, (g) => (g.title === next ? g : { ...g, title: next }));
}

export function setGroupColor(id: string, color: GroupColor): void {
  patchGroup(id, (g) => (g.color === color ? g : { ...g, color }));
}

export function setGroupCollapsed(id: string, collapsed: boolean): void {
  patchGroup(id, (g) => {
    if (Boolean(g.collapsed) === collapsed) return g;
    const { collapsed: _, ...rest } = g;
    return collapsed ? { ...rest, collapsed: true } : rest;
  });
}

/** Removes the frame; its nodes stay where they are. */
export function ungroup(id: string): void {
  const { groups, setGroups } = useGraphStore.getState();
  if (editable() && groups.some((g) => g.id === id)) setGroups(groups.filter((g) => g.id !== id));
}

/** Deletes the group with its nodes and their queues, as one undo step (NiFi and Node-RED do the same). */
export function deleteGroup(id: string): void {
  const g = useGraphStore.getState();
  const group = g.groups.find((x) => x.id === id);
  if (!editable() || !group) return;
  const members = new Set(group.nodeIds);
  useGraphStore.setState({
    nodes: g.nodes.map((n) =>
      members.has(n.id) === Boolean(n.selected) ? n : { ...n, selected: members.has(n.id) },
    ),
    edges: g.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  });
  useGraphStore.getState().deleteSelection();
}

/**
 * After a node was dragged on its own: dropped clear of the frame around its group's other nodes,
 * it leaves the group (part of the drag's undo step), and the user is told how to put it back;
 * a node in no group dropped into a frame joins it.
 */
/** A member of an expanded group starts being dragged alone: its group's frame is held where it is. */
export function holdFrameForDrag(nodeId: string): void {
  const { nodes, groups } = useGraphStore.getState();
  const group = groupOf(groups, nodeId);
  const frame = group && !group.collapsed && frameBounds(group.nodeIds, new Map(nodes.map((n) => [n.id, n])));
  useGroupEditStore.setState({ held: group && frame ? { groupId: group.id, frame } : null });
}

export function settleGroupAfterDrag(nodeId: string): void {
  const { held } = useGroupEditStore.getState();
  if (held) useGroupEditStore.setState({ held: null });
  const { nodes, groups, setGroups } = useGraphStore.getState();
  const byId = new Map<string, Placed>(nodes.map((n) => [n.id, n]));
  const group = groupOf(groups, nodeId);
  const into = group ? undefined : groupUnder(groups, nodeId, byId);
  if (!editable()) return;
  if (into) {
    // The other way round: a node in no group dropped into a frame joins that group.
    setGroups(
      groups.map((g) => (g === into ? { ...g, nodeIds: [...g.nodeIds, nodeId] } : g)),
      { record: false },
    );
    return;
  }
  if (!group || group.collapsed || held?.groupId !== group.id) return;
  if (!leavesGroup(group, nodeId, byId, held.frame)) return;
  setGroups(
    groups.map((g) => (g === group ? { ...g, nodeIds: g.nodeIds.filter((id) => id !== nodeId) } : g)),
    { record: false },
  );
  toast(`${nodeId} left “${group.title || group.id}”: drop it back into the frame to regroup it`, 'info');
}
