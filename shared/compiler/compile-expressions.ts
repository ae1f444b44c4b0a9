import { getKind } from '../catalog/catalog.js';
import { type CompiledExpression, compileExpression, RegexBudget } from '../expr/index.js';
import type { Graph } from '../graph/graph-schema.js';
import type { Issue } from './issue.js';

/**
 * Pass: compiles every expression param of every node whose params resolved, so a typo is a
 * compile issue located at the param (and the position in it), not a run that fails later.
 * Returns the compiled closures too, for callers in the same thread; a plan sent to a run's
 * worker thread cannot carry closures, so the runtime compiles again (microseconds).
 *
 * @example
 * compileExpressions(graph, params).issues
 * // [{ path: 'nodes.1.params.expression', nodeId: 'm', message: "unexpected '*' at 3" }]
 */
export function compileExpressions(
  graph: Graph,
  params: ReadonlyMap<string, Record<string, unknown>>,
): { compiled: Map<string, Map<string, CompiledExpression>>; issues: Issue[] } {
  const compiled = new Map<string, Map<string, CompiledExpression>>();
  const issues: Issue[] = [];
  const regexBudget = new RegexBudget();
  graph.nodes.forEach((node, i) => {
    const decl = getKind(node.kind);
    const resolved = params.get(node.id);
    if (!decl || !resolved || decl.expressions.length === 0) return;
    const mine = new Map<string, CompiledExpression>();
    for (const param of decl.expressions) {
      const source = resolved[param];
      if (typeof source !== 'string') continue;
      const r = compileExpression(source, { regexBudget });
      if (r.ok) mine.set(param, r);
      else
        issues.push({ path: `nodes.${i}.params.${param}`, nodeId: node.id, message: withPosition(r.error) });
    }
    compiled.set(node.id, mine);
  });
  return { compiled, issues };
}

/** The language's messages usually say where already ("… at 3"); add it when one does not. */
function withPosition(error: { message: string; position: number }): string {
  const at = `at ${error.position}`;
  return error.message.includes(at) ? error.message : `${error.message} ${at}`;
}
