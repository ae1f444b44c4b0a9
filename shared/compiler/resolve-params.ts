import { getKind } from '../catalog/catalog.js';
import type { Graph } from '../graph/graph-schema.js';
import type { Issue } from './issue.js';
import { zodIssues } from './parse-document.js';

/** Pass 2: every node's kind must exist; its params are validated and defaults filled in. */
export function resolveParams(graph: Graph): {
  params: Map<string, Record<string, unknown>>;
  issues: Issue[];
} {
  const params = new Map<string, Record<string, unknown>>();
  const issues: Issue[] = [];
  graph.nodes.forEach((node, i) => {
    const decl = getKind(node.kind);
    if (!decl) {
      issues.push({ path: `nodes.${i}.kind`, nodeId: node.id, message: `unknown node kind "${node.kind}"` });
      return;
    }
    const parsed = decl.params.safeParse(withoutInertPolicy(decl.errorPolicies.length > 0, node.params));
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error, graph, ['nodes', i, 'params'])) issues.push(issue);
      return;
    }
    params.set(node.id, parsed.data as Record<string, unknown>);
  });
  return { params, issues };
}

/**
 * Documents written when every kind listed `errorPolicy` and `retry` (schemaVersion 1) may carry
 * them on kinds that cannot fail, where they never did anything: read such a document as it always
 * ran, without them, rather than reject it.
 */
function withoutInertPolicy(fails: boolean, params: unknown): unknown {
  if (fails || params === null || typeof params !== 'object' || Array.isArray(params)) return params;
  if (!Object.hasOwn(params, 'errorPolicy') && !Object.hasOwn(params, 'retry')) return params;
  const { errorPolicy: _p, retry: _r, ...rest } = params as Record<string, unknown>;
  return rest;
}
