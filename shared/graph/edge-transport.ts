import { DEFAULT_PROCESS, type GraphEdge, type GraphNode, type Transport } from './graph-schema.js';

/** The process a node runs in: its `process`, or "main". */
export function processOf(node: Pick<GraphNode, 'process'>): string {
  return node.process ?? DEFAULT_PROCESS;
}

/** How many parts run a node: its `replicas`, or 1. */
export function replicasOf(node: Pick<GraphNode, 'replicas'>): number {
  return node.replicas ?? 1;
}

/**
 * An edge's transport: what the edge says, else `nats` between processes or into or out of a
 * replicated node (only a broker queue can be shared by replicas), else `memory`.
 *
 * @example
 * edgeTransport(e, { process: 'a' }, { process: 'b' }) // 'nats'
 */
export function edgeTransport(
  edge: Pick<GraphEdge, 'transport'>,
  source: Pick<GraphNode, 'process' | 'replicas'>,
  target: Pick<GraphNode, 'process' | 'replicas'>,
): Transport {
  if (edge.transport) return edge.transport;
  if (processOf(source) !== processOf(target)) return 'nats';
  if (replicasOf(source) > 1 || replicasOf(target) > 1) return 'nats';
  return 'memory';
}

/** True when a graph uses any distributed field (so it needs SLUICE_NATS_URL to run). */
export function isDistributed(graph: {
  nodes: readonly Pick<GraphNode, 'process' | 'replicas'>[];
  edges: readonly Pick<GraphEdge, 'transport'>[];
}): boolean {
  return (
    graph.nodes.some((n) => processOf(n) !== DEFAULT_PROCESS || replicasOf(n) > 1) ||
    graph.edges.some((e) => e.transport === 'nats')
  );
}
