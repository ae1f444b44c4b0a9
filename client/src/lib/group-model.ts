import { GROUP_COLORS, type GraphGroup, MAX_GROUPS } from '../../../shared/graph/graph-schema.js';

/** A group as the canvas holds it: exactly the document's fields (the frame's bounds are derived). */
export type CanvasGroup = GraphGroup;

/** React Flow ids of frames and collapsed boxes are prefixed, so they never meet a graph node's id. */
export const GROUP_PREFIX = 'group:';
export const isGroupFlowId = (id: string): boolean => id.startsWith(GROUP_PREFIX);
export const groupFlowId = (groupId: string): string => `${GROUP_PREFIX}${groupId}`;

/**
 * Room around the nodes and for the title bar. Multiples of the 16 px snap grid, so dragging a
 * frame (snapped) moves its nodes by whole grid steps and they stay on the grid.
 */
export const FRAME_PAD = 32;
export const FRAME_TITLE = 32;
/** A node not measured yet (just loaded) is taken at about a node's usual size. */
const UNMEASURED = { width: 200, height: 90 };

export interface Placed {
  id: string;
  position: { x: number; y: number };
  measured?: { width?: number; height?: number };
}
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function rectOf(n: Placed): Rect {
  return {
    x: n.position.x,
    y: n.position.y,
    width: n.measured?.width ?? UNMEASURED.width,
    height: n.measured?.height ?? UNMEASURED.height,
  };
}

/** The frame around a group's nodes, or null when none of them is on the canvas. */
export function frameBounds(memberIds: readonly string[], byId: ReadonlyMap<string, Placed>): Rect | null {
  const shown = memberIds.flatMap((id) => byId.get(id) ?? []);
  if (shown.length === 0) return null;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const n of shown) {
    const r = rectOf(n);
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return {
    x: x0 - FRAME_PAD,
    y: y0 - FRAME_PAD - FRAME_TITLE,
    width: x1 - x0 + 2 * FRAME_PAD,
    height: y1 - y0 + 2 * FRAME_PAD + FRAME_TITLE,
  };
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * True when a member dragged on its own was dropped clear of the frame its group had when the
 * drag began (the frame the user saw, held still meanwhile). The last node of a group stays in it.
 */
export function leavesGroup(
  group: CanvasGroup,
  nodeId: string,
  byId: ReadonlyMap<string, Placed>,
  frameAtStart: Rect,
): boolean {
  const node = byId.get(nodeId);
  if (!node || !group.nodeIds.some((id) => id !== nodeId && byId.has(id))) return false;
  return !overlaps(frameAtStart, rectOf(node));
}

/** The expanded group whose frame a node (in no group) was dropped into: its centre inside the frame. */
export function groupUnder(
  groups: readonly CanvasGroup[],
  nodeId: string,
  byId: ReadonlyMap<string, Placed>,
): CanvasGroup | undefined {
  const node = byId.get(nodeId);
  if (!node || groupOf(groups, nodeId)) return undefined;
  const r = rectOf(node);
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2;
  return groups.find((g) => {
    const f = !g.collapsed && frameBounds(g.nodeIds, byId);
    return f && cx > f.x && cx < f.x + f.width && cy > f.y && cy < f.y + f.height;
  });
}

/** The groups without nodes that are gone; a group left empty goes too. The same array when nothing changed. */
export function pruneGroups(groups: CanvasGroup[], nodeIds: ReadonlySet<string>): CanvasGroup[] {
  if (groups.every((g) => g.nodeIds.every((id) => nodeIds.has(id)))) return groups;
  return groups.flatMap((g) => {
    const kept = g.nodeIds.filter((id) => nodeIds.has(id));
    if (kept.length === 0) return [];
    return [kept.length === g.nodeIds.length ? g : { ...g, nodeIds: kept }];
  });
}

/** The document's groups: absent when there are none (older graphs stay as they were). */
export function groupsForDocument(
  groups: CanvasGroup[],
  nodes: readonly { id: string }[],
): { groups?: GraphGroup[] } {
  const kept = pruneGroups(groups, new Set(nodes.map((n) => n.id)));
  if (kept.length === 0) return {};
  return {
    groups: kept.map(({ id, title, color, nodeIds, collapsed }) => ({
      id,
      title,
      color,
      nodeIds,
      ...(collapsed ? { collapsed: true } : {}),
    })),
  };
}

/**
 * A new group of `nodeIds` (taken out of any group they were in), titled and coloured so it
 * differs from the last one; null when there are already as many groups as a graph may hold.
 */
export function withNewGroup(
  groups: CanvasGroup[],
  nodeIds: readonly string[],
): { groups: CanvasGroup[]; id: string } | null {
  const taken = new Set(nodeIds);
  const rest = groups.flatMap((g) => {
    const kept = g.nodeIds.filter((id) => !taken.has(id));
    if (kept.length === 0) return [];
    return [kept.length === g.nodeIds.length ? g : { ...g, nodeIds: kept }];
  });
  if (rest.length >= MAX_GROUPS) return null;
  let n = rest.length + 1;
  while (rest.some((g) => g.id === `g${n}`)) n += 1;
  const id = `g${n}`;
  // Slate (the first) is the quiet one; new groups take the bright colours in turn.
  const color = GROUP_COLORS[1 + ((n - 1) % (GROUP_COLORS.length - 1))] ?? 'blue';
  return { groups: [...rest, { id, title: `Group ${n}`, color, nodeIds: [...nodeIds] }], id };
}

export const groupOf = (groups: readonly CanvasGroup[], nodeId: string): CanvasGroup | undefined =>
  groups.find((g) => g.nodeIds.includes(nodeId));
