import { compileGraph } from '../../shared/compiler/compile.js';
import type { Plan } from '../../shared/compiler/plan.js';

type NodeSpec = [id: string, kind: string, params?: Record<string, unknown>];
type EdgeSpec = [source: string, target: string, extra?: Record<string, unknown>];

/**
 * A small graph for runtime tests, from a compact description. Edge ids are `e1`, `e2`, … in order.
 *
 * @example planOf([['src', 'generator', { count: 10 }], ['out', 'counter']], [['src', 'out']])
 */
export function planOf(nodes: NodeSpec[], edges: EdgeSpec[]): Plan {
  const result = compileGraph({
    schemaVersion: 1,
    name: 'test',
    nodes: nodes.map(([id, kind, params]) => ({ id, kind, params: params ?? {} })),
    edges: edges.map(([source, target, extra], i) => ({ id: `e${i + 1}`, source, target, ...extra })),
  });
  if (!result.ok) throw new Error(`test graph does not compile: ${JSON.stringify(result.issues)}`);
  return result.plan;
}
