import type { KindName, kinds } from '../catalog/catalog.js';
import type { ParamsOf } from '../catalog/define-kind.js';
import { anomalyParamRules } from '../catalog/kinds/anomaly.js';
import { windowParamRules } from '../catalog/kinds/window.js';
import type { Graph } from '../graph/graph-schema.js';
import type { Issue } from './issue.js';

type Rule<K extends KindName> = (params: ParamsOf<(typeof kinds)[K]>) => { param: string; message: string }[];

/** Rules between params of one node that a per-param schema cannot express, declared with the kind. */
const RULES: { [K in KindName]?: Rule<K> } = {
  window: windowParamRules,
  anomaly: anomalyParamRules,
};

/**
 * Pass: checks each resolved node's cross-param rules (a sliding window's slide within its size,
 * an anomaly's warm-up within its window).
 */
export function checkParamRules(graph: Graph, params: ReadonlyMap<string, Record<string, unknown>>): Issue[] {
  const issues: Issue[] = [];
  graph.nodes.forEach((node, i) => {
    const resolved = params.get(node.id);
    if (!resolved || !Object.hasOwn(RULES, node.kind)) return;
    const rule = RULES[node.kind as KindName] as
      | ((p: Record<string, unknown>) => ReturnType<Rule<'window'>>)
      | undefined;
    for (const r of rule?.(resolved) ?? [])
      issues.push({ path: `nodes.${i}.params.${r.param}`, nodeId: node.id, message: r.message });
  });
  return issues;
}
