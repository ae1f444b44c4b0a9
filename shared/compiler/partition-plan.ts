import { processOf, replicasOf } from '../graph/edge-transport.js';
import type { BrokerEdgeSpec, BrokerNames, PartPlan } from '../protocol/cluster.js';
import type { Plan, PlanEdge, PlanNode } from './plan.js';

/** Characters JetStream names and subject tokens may safely hold (no `.`, `*`, `>`, `/`, spaces). */
const SAFE = /^[A-Za-z0-9_-]+$/;

/**
 * The JetStream objects behind one `nats` edge of one run. Edge ids may hold `.` and `:`, which
 * stream names and subject tokens may not: they become `_`, and a hash of the original id is
 * appended so `a.b`, `a:b` and `a_b` (and `A`/`a` on a case-insensitive disk) stay apart.
 *
 * @example
 * brokerNames('r1', 'split.out:0')
 * // { stream: 'sluice_r1_split_out_0_1x8voe3', subject: 'sluice.items.r1.split_out_0_1x8voe3', consumer: 'c' }
 */
export function brokerNames(runId: string, edgeId: string): BrokerNames {
  // Run ids are generated (nanoid): anything else is a caller's bug, not something to rewrite.
  if (!SAFE.test(runId)) throw new Error(`run id "${runId}" may only use letters, digits, _ and -`);
  const token = `${edgeId.replace(/[^A-Za-z0-9_-]/g, '_')}_${hash(edgeId)}`;
  return { stream: `sluice_${runId}_${token}`, subject: `sluice.items.${runId}.${token}`, consumer: 'c' };
}

/** FNV-1a 32-bit, base 36: short, stable across processes, and lower-case. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * Cuts a compiled plan into the parts runners run (docs/distributed.md): the unreplicated nodes
 * of one `process` form one part (`partId` = the process); a node with `replicas` n > 1 runs
 * alone in n parts (`<nodeId>#0` … `#<n-1>`; `#` is not allowed in ids, so these never clash with
 * a process name). Each part's plan keeps the topological order and every edge touching its nodes;
 * each `nats` edge among them gets this part's role. Parts come in the order of their first node.
 * Throws if a memory edge would cross parts: the compiler refuses such graphs, so a plan that has
 * one was not compiled.
 */
export function partitionPlan(plan: Plan, runId: string): PartPlan[] {
  const partOf = new Map<string, string>();
  const groups = new Map<
    string,
    { process: string; replica: number; replicaCount: number; nodes: PlanNode[] }
  >();
  for (const node of plan.nodes) {
    const count = replicasOf(node);
    if (count > 1) {
      for (let i = 0; i < count; i++)
        groups.set(`${node.id}#${i}`, {
          process: processOf(node),
          replica: i,
          replicaCount: count,
          nodes: [node],
        });
      continue;
    }
    const partId = processOf(node);
    partOf.set(node.id, partId);
    const group = groups.get(partId) ?? { process: partId, replica: 0, replicaCount: 1, nodes: [] };
    group.nodes.push(node);
    groups.set(partId, group);
  }
  for (const e of plan.edges) {
    if (e.transport === 'nats') continue;
    const [from, to] = [partOf.get(e.source), partOf.get(e.target)];
    if (from === undefined || from !== to)
      throw new Error(`edge "${e.id}" is a memory edge between parts; only nats edges may cross parts`);
  }
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  return [...groups].map(([partId, g]) => {
    const ids = new Set(g.nodes.map((n) => n.id));
    const edges = plan.edges.filter((e) => ids.has(e.source) || ids.has(e.target));
    return {
      partId,
      process: g.process,
      replica: g.replica,
      replicaCount: g.replicaCount,
      plan: { name: plan.name, nodes: g.nodes, edges },
      brokerEdges: edges
        .filter((e) => e.transport === 'nats')
        .map((e) => brokerEdge(e, ids, runId, byId.get(e.source)!)),
    };
  });
}

function brokerEdge(
  edge: PlanEdge,
  ids: ReadonlySet<string>,
  runId: string,
  source: PlanNode,
): BrokerEdgeSpec {
  const publishes = ids.has(edge.source);
  const consumes = ids.has(edge.target);
  return {
    edgeId: edge.id,
    capacity: edge.capacity,
    overflow: edge.overflow,
    role: publishes && consumes ? 'both' : publishes ? 'publish' : 'consume',
    publishers: replicasOf(source),
    ...brokerNames(runId, edge.id),
  };
}
