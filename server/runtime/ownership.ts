import type { Plan } from '../../shared/compiler/plan.js';

/**
 * Kinds whose output items are objects they made themselves (sources, and `map`, which either
 * copies or writes into items it owns). Every other kind may pass its input objects on.
 */
const MAKES_OWN_ITEMS: ReadonlySet<string> = new Set(['generator', 'log-replay', 'http-ingest', 'map']);

/**
 * Nodes whose input items nobody else can see: every edge into them comes from a port with that
 * one edge (no broadcast shares the objects), from a node that made the objects or itself owned
 * them. Such a node may change items in place instead of copying — the copy is most of a `map`
 * hop's cost — and owns the batch arrays it takes as well (no other edge holds them, and no
 * producer keeps an array it sent), so a `filter` keeps its survivors in the array it was given.
 *
 * @example
 *   src ──▶ map ──▶ sink            map owns its input
 *   src ──┬▶ map ──▶ sink           map does not: the same objects also go to `log`
 *         └▶ log
 */
export function nodesOwningInput(plan: Plan, brokerEdges?: ReadonlySet<string>): Set<string> {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const ownsOutput = new Map<string, boolean>();
  const owning = new Set<string>();
  const edgeOwned = (edgeId: string): boolean => {
    // A broker edge's consume side keeps each batch array to ack what it settles: nobody may
    // change those arrays in place (and in a part, its source may be in another process).
    if (brokerEdges?.has(edgeId)) return false;
    const e = plan.edges.find((x) => x.id === edgeId)!;
    const source = byId.get(e.source);
    if (source === undefined) return false;
    return source.outputs[e.sourcePort]!.length === 1 && ownsOutput.get(source.id) === true;
  };
  // plan.nodes is in topological order, so every producer is decided before its consumers.
  for (const n of plan.nodes) {
    const inputs = Object.values(n.inputs).flat();
    const ownsIn = inputs.length > 0 && inputs.every(edgeOwned);
    if (ownsIn) owning.add(n.id);
    ownsOutput.set(n.id, MAKES_OWN_ITEMS.has(n.kind) || ownsIn);
  }
  return owning;
}
