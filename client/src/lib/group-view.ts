import type { Node, NodeChange } from '@xyflow/react';
import type { GroupColor } from '../../../shared/graph/graph-schema.js';
import type { QueueEdge, SluiceNode } from './flow-types.js';
import {
  type CanvasGroup,
  frameBounds,
  GROUP_PREFIX,
  groupFlowId,
  type Placed,
  type Rect,
} from './group-model.js';

export interface GroupNodeData extends Record<string, unknown> {
  groupId: string;
  title: string;
  color: GroupColor;
  /** Members on the canvas. */
  count: number;
  readOnly: boolean;
}
/** An expanded group: the frame drawn under its nodes, sized to them. */
export type GroupFrameNode = Node<GroupNodeData, 'groupFrame'>;
/** A collapsed group: one box in place of its nodes, the group's queues attached to it. */
export type GroupBoxNode = Node<GroupNodeData, 'groupBox'>;
export type GroupNode = GroupFrameNode | GroupBoxNode;

const FRAME_STYLE = { pointerEvents: 'none' } as const;

/** The collapsed box's size, fixed so it is drawn at once (its handles sit at mid-height). */
export const BOX_SIZE = { width: 232, height: 124 };
/** The box's ports: every queue into the group arrives at one, every queue out leaves from the other. */
export const BOX_IN = 'in';
export const BOX_OUT = 'out';

/**
 * What the canvas draws for the groups: a frame under each expanded group, and for each
 * collapsed one a box instead of its nodes, with the queues that cross its border attached to the
 * box and the ones inside it hidden. The store's nodes and edges are not changed.
 */
export function groupView(
  nodes: SluiceNode[],
  edges: QueueEdge[],
  groups: readonly CanvasGroup[],
  readOnly: boolean,
  /** A frame held still while one of its nodes is dragged alone (group-edit-store.ts). */
  held: { groupId: string; frame: Rect } | null = null,
): { frames: GroupNode[]; nodes: SluiceNode[]; edges: QueueEdge[] } {
  if (groups.length === 0) return { frames: [], nodes, edges };
  const byId = new Map<string, Placed>(nodes.map((n) => [n.id, n]));
  const boxOf = new Map<string, string>();
  const frames: GroupNode[] = [];
  for (const g of groups) {
    const bounds = held?.groupId === g.id ? held.frame : frameBounds(g.nodeIds, byId);
    if (!bounds) continue;
    const data: GroupNodeData = {
      groupId: g.id,
      title: g.title,
      color: g.color,
      count: g.nodeIds.filter((id) => byId.has(id)).length,
      readOnly,
    };
    const common = {
      id: groupFlowId(g.id),
      position: { x: bounds.x, y: bounds.y },
      draggable: !readOnly,
      selectable: false,
      connectable: false,
      data,
    };
    if (g.collapsed) {
      for (const id of g.nodeIds) boxOf.set(id, common.id);
      frames.push({ ...common, type: 'groupBox', ...BOX_SIZE });
    } else {
      frames.push({
        ...common,
        type: 'groupFrame',
        width: bounds.width,
        height: bounds.height,
        zIndex: -1,
        // Only the title bar takes the pointer (groups.css): inside the frame the canvas answers,
        // so Shift+drag box-selects there and its menu opens there as anywhere else.
        style: FRAME_STYLE,
      });
    }
  }
  if (boxOf.size === 0) return { frames, nodes, edges };
  return {
    frames,
    nodes: nodes.map((n) => (boxOf.has(n.id) ? { ...n, hidden: true } : n)),
    edges: edges.map((e) => {
      const from = boxOf.get(e.source);
      const to = boxOf.get(e.target);
      if (!from && !to) return e;
      if (from && from === to) return { ...e, hidden: true };
      return {
        ...e,
        ...(from ? { source: from, sourceHandle: BOX_OUT } : {}),
        ...(to ? { target: to, targetHandle: BOX_IN } : {}),
      };
    }),
  };
}

/**
 * Dragging a frame or box moves its nodes: each position React Flow gives the frame becomes the
 * same shift of every member, so the frame (derived from them) follows. Other changes to frames
 * (selection, measuring) mean nothing to the document and are dropped.
 */
export function memberMoves(
  changes: readonly NodeChange[],
  nodes: readonly SluiceNode[],
  groups: readonly CanvasGroup[],
): NodeChange<SluiceNode>[] {
  const byId = new Map<string, Placed>(nodes.map((n) => [n.id, n]));
  const out: NodeChange<SluiceNode>[] = [];
  for (const c of changes) {
    if (c.type !== 'position' || !c.position || !c.id.startsWith(GROUP_PREFIX)) continue;
    const group = groups.find((g) => groupFlowId(g.id) === c.id);
    const bounds = group && frameBounds(group.nodeIds, byId);
    if (!group || !bounds) continue;
    const dx = c.position.x - bounds.x;
    const dy = c.position.y - bounds.y;
    if (dx === 0 && dy === 0) continue;
    for (const id of group.nodeIds) {
      const n = byId.get(id);
      if (n) out.push({ type: 'position', id, position: { x: n.position.x + dx, y: n.position.y + dy } });
    }
  }
  return out;
}
