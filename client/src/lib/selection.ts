import type { QueueEdge, SluiceNode } from './flow-types.js';

/** What is selected, as the inspector needs it: one node, one edge, several things, or nothing. */
export type Selection =
  | { type: 'node'; id: string }
  | { type: 'edge'; id: string }
  | { type: 'many'; key: string; nodeIds: string[]; edgeIds: string[] }
  | null;

/** React Flow's `selected` flags are the truth; this reads them into one small value. */
export function deriveSelection(nodes: readonly SluiceNode[], edges: readonly QueueEdge[]): Selection {
  const nodeIds = nodes.filter((n) => n.selected).map((n) => n.id);
  const edgeIds = edges.filter((e) => e.selected).map((e) => e.id);
  const total = nodeIds.length + edgeIds.length;
  if (total === 0) return null;
  if (total > 1) return { type: 'many', key: `${nodeIds.join(',')}|${edgeIds.join(',')}`, nodeIds, edgeIds };
  return nodeIds[0] !== undefined ? { type: 'node', id: nodeIds[0] } : { type: 'edge', id: edgeIds[0]! };
}

export function sameSelection(a: Selection, b: Selection): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.type !== b.type) return false;
  if (a.type === 'many' && b.type === 'many') return a.key === b.key;
  return 'id' in a && 'id' in b && a.id === b.id;
}

/** Sets `selected` on exactly the given ids, keeping untouched objects identical. */
export function withSelected<T extends { id: string; selected?: boolean }>(
  items: readonly T[],
  isSelected: (id: string) => boolean,
): T[] {
  return items.map((it) =>
    Boolean(it.selected) === isSelected(it.id) ? it : { ...it, selected: isSelected(it.id) },
  );
}
