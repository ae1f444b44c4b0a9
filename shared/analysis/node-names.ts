/**
 * How a sentence names a node. A node the user labelled reads "Slow DB (work)": the label the
 * user knows it by, and the id every frame, file and API call uses, so both can be found again.
 */
export type NameOf = (nodeId: string) => string;

/** Names nodes by id alone (no labels known). */
export const byId: NameOf = (nodeId) => nodeId;

/** A node's name in words: its label with the id in brackets, or the id when it has no label. */
export function nodeName(nodeId: string, label: string | undefined): string {
  const shown = label?.trim();
  return shown && shown !== nodeId ? `${shown} (${nodeId})` : nodeId;
}

/**
 * A NameOf over a graph's nodes (graph-document nodes, or canvas nodes keeping it under `data`).
 *
 * @example namesOf([{ id: 'work', label: 'Slow DB' }])('work') // 'Slow DB (work)'
 */
export function namesOf(
  nodes: readonly { id: string; label?: string | undefined; data?: { label?: string | undefined } }[],
): NameOf {
  const labels = new Map<string, string>();
  for (const n of nodes) {
    const label = n.label ?? n.data?.label;
    if (label?.trim()) labels.set(n.id, label);
  }
  if (labels.size === 0) return byId;
  return (nodeId) => nodeName(nodeId, labels.get(nodeId));
}
