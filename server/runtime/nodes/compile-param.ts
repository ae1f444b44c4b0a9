import { type CompiledExpression, compileExpression } from '../../../shared/expr/index.js';
import type { Item } from '../node-behavior.js';

/**
 * Compiles an expression param for a node. The compiler's expression pass has already checked it
 * (a plan only holds expressions that compile), so a failure here is a bug and fails the run.
 * Compiled again here rather than shipped with the plan: a plan crosses into the run's worker
 * thread by structured clone, which cannot carry closures, and compiling takes microseconds.
 */
export function compileParam(source: string, param: string): () => (item: Item) => unknown {
  // Returns the evaluator picker: a node takes an evaluator per batch (runtime items are always
  // plain objects) and uses it in that batch's loop only (see `forBatch`).
  return compileExpressionParam(source, param).forBatch;
}

/** The whole compiled expression, for nodes that also use its batch kernels (map, filter). */
export function compileExpressionParam(source: string, param: string): CompiledExpression {
  const r = compileExpression(source);
  if (!r.ok) throw new Error(`${param}: ${r.error.message}`);
  return r;
}

/** A transform that counts items it could not handle (the executor adds them to the node's errors). */
export interface CountsErrors {
  /** Total so far; only grows. */
  readonly errors: number;
}
