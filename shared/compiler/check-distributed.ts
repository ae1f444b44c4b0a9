import { getKind } from '../catalog/catalog.js';
import { edgeTransport, processOf, replicasOf } from '../graph/edge-transport.js';
import { DEFAULT_PROCESS, type Graph, type GraphNode } from '../graph/graph-schema.js';
import type { Issue } from './issue.js';

export interface DistributedOptions {
  /**
   * Whether SLUICE_NATS_URL is set where the graph will run. `undefined`: don't check (a save
   * stores a distributed graph on any server); the run path passes true or false.
   */
  natsConfigured?: boolean;
}

/** Also for a live capacity change of a `nats` edge (the coordinator refuses 0 the same way). */
export const RENDEZVOUS_OVER_BROKER =
  'a rendezvous (capacity 0) cannot cross a broker: a JetStream stream holds items between ' +
  'the two ends, so give the edge a capacity of at least 1, or keep both ends in one process ' +
  'without replicas';

/** Expiry is checked at a memory queue's head; a JetStream stream has no such head here. */
export const EXPIRE_OVER_BROKER =
  'expireMs is not available on broker (nats) edges: items wait in a JetStream stream, not in a ' +
  'Sluice queue; remove expireMs or keep both ends in one process without replicas';

const NEEDS_NATS =
  'needs distributed mode: start the server with SLUICE_NATS_URL (and runners with npm run runner)';

/**
 * Pass: the distributed fields (`process`, `replicas`, `transport`) describe something that can
 * run. Which kinds refuse replicas is declared once, on the kind (`notReplicable`): sources by
 * category, and rate-limit, window, anomaly, browser and file by what they do. Replicable kinds
 * split the items of one queue between replicas and still mean the same: map, filter, parse-log,
 * worker, partition (a hash of the key), round-robin (even shares of each share), batch (batches
 * of at most `size` per replica — more, smaller batches at the same `maxWaitMs`), http-post,
 * counter and log (the coordinator sums replicas).
 */
export function checkDistributed(graph: Graph, options: DistributedOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map<string, GraphNode>();
  for (const n of graph.nodes) if (!byId.has(n.id)) byId.set(n.id, n);

  graph.nodes.forEach((node, i) => {
    const replicas = replicasOf(node);
    const whyNot = getKind(node.kind)?.notReplicable;
    if (replicas > 1 && whyNot)
      issues.push({
        path: `nodes.${i}.replicas`,
        nodeId: node.id,
        message: `"${node.id}" (${node.kind}) cannot have replicas ${replicas}: ${whyNot}; use 1 replica`,
      });
    if (options.natsConfigured !== false) return;
    if (processOf(node) !== DEFAULT_PROCESS)
      issues.push({
        path: `nodes.${i}.process`,
        nodeId: node.id,
        message: `process "${processOf(node)}" ${NEEDS_NATS}; or remove the field to run in main`,
      });
    if (replicas > 1)
      issues.push({
        path: `nodes.${i}.replicas`,
        nodeId: node.id,
        message: `replicas ${replicas} ${NEEDS_NATS}`,
      });
  });

  graph.edges.forEach((edge, i) => {
    const src = byId.get(edge.source);
    const dst = byId.get(edge.target);
    // An edge to a missing node is reported by the structure pass; nothing to say here.
    if (!src || !dst) return;
    const transport = edgeTransport(edge, src, dst);
    if (edge.transport === 'memory') {
      const why = memoryCannotJoin(src, dst);
      if (why)
        issues.push({
          path: `edges.${i}.transport`,
          edgeId: edge.id,
          message: `transport memory cannot join ${why}: a memory queue lives inside one part; use nats (or omit transport)`,
        });
    }
    if (transport === 'nats' && edge.capacity === 0)
      issues.push({
        path: `edges.${i}.capacity`,
        edgeId: edge.id,
        message: RENDEZVOUS_OVER_BROKER,
      });
    if (transport === 'nats' && edge.expireMs !== undefined)
      issues.push({ path: `edges.${i}.expireMs`, edgeId: edge.id, message: EXPIRE_OVER_BROKER });
    if (options.natsConfigured === false && edge.transport === 'nats')
      issues.push({ path: `edges.${i}.transport`, edgeId: edge.id, message: `transport nats ${NEEDS_NATS}` });
  });
  return issues;
}

/** Why a memory queue cannot join these two nodes, or undefined when it can. */
function memoryCannotJoin(src: GraphNode, dst: GraphNode): string | undefined {
  if (processOf(src) !== processOf(dst))
    return `process "${processOf(src)}" ("${src.id}") to process "${processOf(dst)}" ("${dst.id}")`;
  const replicated = replicasOf(src) > 1 ? src : replicasOf(dst) > 1 ? dst : undefined;
  if (replicated)
    return `"${src.id}" to "${dst.id}" while "${replicated.id}" has ${replicasOf(replicated)} replicas (only a broker queue can be shared by replicas)`;
  return undefined;
}
