import type { NodePorts } from './ports.js';

export interface ConnectionAttempt {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

export interface EdgeLike {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

/** True when `from` reaches `to` by following edges downstream. */
export function reaches(from: string, to: string, edges: readonly EdgeLike[]): boolean {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(out.get(id) ?? []));
  }
  return false;
}

/**
 * Why a connection being dragged would be refused, in words; null when it is fine. Checked on
 * every pointer move over a handle (React Flow's `isValidConnection`), so it stays linear.
 *
 *   a ──▶ b ──▶ c        connecting c.out → a.in is refused: "a already feeds c"
 *
 * @example connectionProblem({ source: 'c', sourceHandle: 'out', target: 'a', targetHandle: 'in' }, edges, ports)
 * // 'That would make a cycle: a already feeds c'
 */
export function connectionProblem(
  c: ConnectionAttempt,
  edges: readonly EdgeLike[],
  portsOf: (nodeId: string) => NodePorts | undefined,
): string | null {
  if (c.source === c.target) return 'A node cannot feed itself';
  const from = portsOf(c.source);
  const to = portsOf(c.target);
  if (!from || !to) return 'Unknown node';
  const sourcePort = c.sourceHandle ?? '';
  const targetPort = c.targetHandle ?? '';
  if (!from.outputs.includes(sourcePort)) {
    return from.inputs.includes(sourcePort)
      ? 'Connect an output port to an input port'
      : `${c.source} has no output "${sourcePort}"`;
  }
  if (!to.inputs.includes(targetPort)) {
    return to.outputs.includes(targetPort)
      ? 'Connect an output port to an input port'
      : `${c.target} has no input "${targetPort}"`;
  }
  const duplicate = edges.some(
    (e) =>
      e.source === c.source &&
      e.target === c.target &&
      (e.sourceHandle ?? '') === sourcePort &&
      (e.targetHandle ?? '') === targetPort,
  );
  if (duplicate) return 'These ports are already connected';
  if (reaches(c.target, c.source, edges))
    return `That would make a cycle: ${c.target} already feeds ${c.source}`;
  return null;
}
