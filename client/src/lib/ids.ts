/**
 * The next free node id for a kind: `generator-1`, `generator-2`, … (one past the highest in use,
 * so ids are never reused while the graph is open).
 *
 * @example nextNodeId('worker', ['worker-1', 'worker-3']) // 'worker-4'
 */
export function nextNodeId(kind: string, existing: Iterable<string>): string {
  return `${kind}-${nextNumber(`${kind}-`, existing)}`;
}

/**
 * The next free edge id: `e1`, `e2`, …
 *
 * @example nextEdgeId(['e1', 'e2']) // 'e3'
 */
export function nextEdgeId(existing: Iterable<string>): string {
  return `e${nextNumber('e', existing)}`;
}

function nextNumber(prefix: string, existing: Iterable<string>): number {
  let max = 0;
  for (const id of existing) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (/^\d+$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return max + 1;
}
