import { getKind } from '../catalog/catalog.js';
import { edgeTransport } from '../graph/edge-transport.js';
import type { Transport } from '../graph/graph-schema.js';
import type { Issue } from './issue.js';
import type { Plan } from './plan.js';

/** The parts of a node fusion looks at (a graph document's node or a plan's). */
export interface FuseNode {
  id: string;
  kind: string;
  process?: string | undefined;
  replicas?: number | undefined;
  /** The node's params (a generator heads a chain only with `rate: null` and a closed loop). */
  params?: Readonly<Record<string, unknown>> | undefined;
}

/** The parts of an edge fusion looks at (a graph document's edge or a plan's). */
export interface FuseEdge {
  id: string;
  source: string;
  target: string;
  transport?: Transport | undefined;
  overflow?: string | undefined;
  expireMs?: number | undefined;
  fuse?: boolean | undefined;
}

/**
 * Why `n` cannot head a fused chain as a source, or null when it can. Only a generator with
 * `rate: null` and a closed loop: it makes each batch synchronously, as much as its output takes,
 * so its batch can go straight through the fused stages in its own loop with nothing else changed.
 * A rate (or a pattern over it) times the source, and an open loop rejects at its own edge what
 * did not fit, before the next node ever sees it: both keep their queue.
 */
function whyNotFusableSource(n: FuseNode): string | null {
  if (n.kind !== 'generator') return null;
  if (n.params?.rate !== null)
    return `"${n.id}" is a generator with a rate: only one with rate null (as fast as the graph takes) heads a fused chain`;
  if (n.params?.loop === 'open')
    return `"${n.id}" is an open-loop generator: it rejects at its own edge what does not fit, so that edge keeps its queue`;
  return null;
}

/**
 * Why `edge` cannot run fused ("fast path", issue 21), or null when it can. Fused, the two nodes
 * run as one loop and the edge keeps no queue, so both ends must be fusable kinds (stateless batch
 * steps, or a sink that only counts; at the head, also a generator making batches as fast as the
 * graph takes them: `whyNotFusableSource`), in one process, and the edge must be the source's only way
 * out and the target's only way in: anything else would see items in another order, or need the
 * queue the fusion removes. Pure: the compiler, the server and the edge inspector share it.
 */
export function whyNotFusable(
  edge: FuseEdge,
  nodes: ReadonlyMap<string, FuseNode>,
  edges: readonly FuseEdge[],
): string | null {
  const source = nodes.get(edge.source);
  const target = nodes.get(edge.target);
  if (!source || !target) return 'it does not join two nodes of the graph';
  if (source.kind === 'generator') {
    const why = whyNotFusableSource(source);
    if (why !== null) return why;
  }
  for (const n of source.kind === 'generator' ? [target] : [source, target]) {
    if (!getKind(n.kind)?.fusable)
      return `"${n.id}" is a ${n.kind}: only map, filter and counter steps (after a closed-loop generator with rate null) run fused`;
  }
  if (edgeTransport(edge, source, target) !== 'memory')
    return 'it is a broker (nats) edge between processes or replicas: it needs its stream';
  // Fused, nothing ever waits on the edge: a policy that drops or expires waiting items would
  // never act, and the run would deliver what the unfused one drops.
  if (edge.overflow !== undefined && edge.overflow !== 'block')
    return `it drops items when full (${edge.overflow}); fused, nothing would wait to be dropped — use block`;
  if (edge.expireMs !== undefined && edge.expireMs > 0)
    return 'items expire on it (expireMs); fused, nothing would wait to expire';
  const outs = edges.filter((e) => e.source === source.id).length;
  if (outs > 1) return `"${source.id}" feeds ${outs} edges: fused, it may feed only this one`;
  const ins = edges.filter((e) => e.target === target.id).length;
  if (ins > 1) return `"${target.id}" reads ${ins} edges: fused, it may read only this one`;
  return null;
}

/**
 * Marks the plan's edges that run fused: those that ask for it (`fuse: true`), and with `all` (the
 * run option) every fusable edge that does not opt out (`fuse: false`). An edge that asks and
 * cannot is an issue naming it and why (at `edges.<index>.fuse`); with `all`, the others simply
 * keep their queue. Mutates `plan`.
 */
export function resolveFusion(plan: Plan, options: { all?: boolean } = {}): Issue[] {
  const nodes = new Map(plan.nodes.map((n) => [n.id, n]));
  const issues: Issue[] = [];
  plan.edges.forEach((e, i) => {
    const wanted = e.fuse === true || (options.all === true && e.fuse !== false);
    if (!wanted) {
      delete e.fused;
      return;
    }
    const why = whyNotFusable(e, nodes, plan.edges);
    if (why === null) e.fused = true;
    else {
      delete e.fused;
      if (e.fuse === true)
        issues.push({
          path: `edges.${i}.fuse`,
          edgeId: e.id,
          message: `edge "${e.id}" cannot run fused: ${why}`,
        });
    }
  });
  return issues;
}
