import { edgeTransport } from '../../../shared/graph/edge-transport.js';
import type { Transport } from '../../../shared/graph/graph-schema.js';
import type { QueueEdge, SluiceNode } from './flow-types.js';

/**
 * Every edge's transport as the compiler resolves it (edgeTransport): what the edge says, else
 * `nats` between processes or into/out of a replicated node, else `memory`.
 *
 *   src ──e1──▶ work ×2 ──e2──▶ out        → e1 nats, e2 nats (replicas share a broker queue)
 *
 * @example edgeTransports(nodes, edges).get('e1') // 'nats'
 */
export function edgeTransports(
  nodes: readonly Pick<SluiceNode, 'id' | 'data'>[],
  edges: readonly Pick<QueueEdge, 'id' | 'source' | 'target' | 'data'>[],
): Map<string, Transport> {
  const byId = new Map(nodes.map((n) => [n.id, n.data]));
  const out = new Map<string, Transport>();
  for (const e of edges) {
    const source = byId.get(e.source) ?? {};
    const target = byId.get(e.target) ?? {};
    out.set(e.id, edgeTransport(e.data ?? {}, source, target));
  }
  return out;
}

let memo: { nodes: unknown; edges: unknown; map: Map<string, Transport> } | null = null;

/**
 * edgeTransports for the graph store's arrays, computed once per change of either array and
 * shared by every edge's selector: one pass per store change instead of one per edge.
 */
export function edgeTransportsOf(
  nodes: readonly SluiceNode[],
  edges: readonly QueueEdge[],
): Map<string, Transport> {
  if (memo && memo.nodes === nodes && memo.edges === edges) return memo.map;
  memo = { nodes, edges, map: edgeTransports(nodes, edges) };
  return memo.map;
}

/** The processes a graph already uses, "main" first, for the inspector's suggestions. */
export function processesUsed(nodes: readonly Pick<SluiceNode, 'data'>[]): string[] {
  const named = new Set<string>();
  for (const n of nodes) if (n.data.process) named.add(n.data.process);
  named.delete('main');
  return ['main', ...[...named].sort()];
}
