import { type KindName, kinds } from '../catalog/catalog.js';
import { type KindDeclaration, portsOf } from '../catalog/define-kind.js';
import { edgeTransport, processOf, replicasOf } from '../graph/edge-transport.js';
import { DEFAULT_PROCESS, type Graph } from '../graph/graph-schema.js';
import { checkDeadLetter } from './check-dead-letter.js';
import { checkDistributed, type DistributedOptions } from './check-distributed.js';
import { checkParamRules } from './check-param-rules.js';
import { checkStructure } from './check-structure.js';
import { compileExpressions } from './compile-expressions.js';
import { resolveFusion } from './fuse-plan.js';
import type { Issue } from './issue.js';
import { parseDocument } from './parse-document.js';
import type { Plan, PlanNode } from './plan.js';
import { resolveParams } from './resolve-params.js';
import { topoOrder } from './topo-order.js';

export type CompileResult = { ok: true; plan: Plan; graph: Graph } | { ok: false; issues: Issue[] };
export type CompileOptions = DistributedOptions;

/**
 * Compiles an untrusted graph document into a runnable plan. Every pass that can run does, so
 * the user sees all problems at once, each naming its node or edge and field.
 *
 * @example
 * const r = compileGraph(JSON.parse(body));
 * if (!r.ok) return res.status(400).json({ error: 'compile_failed', issues: r.issues });
 * compileGraph(doc, { natsConfigured: Boolean(process.env.SLUICE_NATS_URL) }); // the run path
 */
export function compileGraph(input: unknown, options: CompileOptions = {}): CompileResult {
  const doc = parseDocument(input);
  if (!doc.ok) return { ok: false, issues: doc.issues };
  return compileParsed(doc.value, options);
}

/**
 * The passes after `parseDocument`, for a caller that has parsed the document already (a save
 * parses it to store it; parsing 1 MB twice is wasted main-thread time).
 */
export function compileParsed(graph: Graph, options: CompileOptions = {}): CompileResult {
  const { params, issues: paramIssues } = resolveParams(graph);
  const ruleIssues = checkParamRules(graph, params);
  const { issues: expressionIssues } = compileExpressions(graph, params);
  const structureIssues = checkStructure(graph, params);
  const deadLetterIssues = checkDeadLetter(graph, params);
  const distributedIssues = checkDistributed(graph, options);
  const { order, issues: cycleIssues } = topoOrder(graph);
  const issues = [
    ...paramIssues,
    ...ruleIssues,
    ...expressionIssues,
    ...structureIssues,
    ...deadLetterIssues,
    ...distributedIssues,
    ...cycleIssues,
  ];
  if (issues.length > 0) return { ok: false, issues };
  const plan = buildPlan(graph, params, order);
  // After the plan: fusion looks at resolved transports and at every edge of a node.
  const fuseIssues = resolveFusion(plan);
  if (fuseIssues.length > 0) return { ok: false, issues: fuseIssues };
  return { ok: true, plan, graph };
}

function buildPlan(graph: Graph, params: Map<string, Record<string, unknown>>, order: string[]): Plan {
  const byId = new Map<string, PlanNode>();
  const graphNodes = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const n of graph.nodes) {
    const decl = kinds[n.kind as KindName] as unknown as KindDeclaration;
    const ports = portsOf(decl, params.get(n.id));
    byId.set(n.id, {
      id: n.id,
      kind: n.kind as KindName,
      params: params.get(n.id)!,
      inputs: Object.fromEntries(ports.inputs.map((p) => [p, [] as string[]])),
      outputs: Object.fromEntries(ports.outputs.map((p) => [p, [] as string[]])),
      // Distributed fields only when they say something, so a one-process plan is unchanged.
      ...(processOf(n) !== DEFAULT_PROCESS ? { process: processOf(n) } : {}),
      ...(replicasOf(n) > 1 ? { replicas: replicasOf(n) } : {}),
    });
  }
  for (const e of graph.edges) {
    byId.get(e.source)!.outputs[e.sourcePort]!.push(e.id);
    byId.get(e.target)!.inputs[e.targetPort]!.push(e.id);
  }
  return {
    name: graph.name,
    nodes: order.map((id) => byId.get(id)!),
    edges: graph.edges.map(({ transport, ...e }) =>
      // Resolved: set when `nats` (declared or implied), absent for memory as before.
      edgeTransport({ transport }, graphNodes.get(e.source)!, graphNodes.get(e.target)!) === 'nats'
        ? { ...e, transport: 'nats' as const }
        : e,
    ),
  };
}
