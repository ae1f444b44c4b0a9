/**
 * Sluice's expression language: the safe, compiled-once expressions used by `map`, `filter`,
 * `partition` keys, `window` keys and `anomaly` fields. Pure TypeScript (browser and server).
 */
export {
  type CompiledExpression,
  type CompileFailure,
  type CompileOptions,
  type CompileResult,
  compileExpression,
} from './compile-expression.js';
export { ExprError } from './expr-error.js';
export type { AssignKernel, KeepKernel } from './kernels.js';
export { EXPR_LIMITS } from './limits.js';
export { type FunctionEntry, LANGUAGE_REFERENCE, type LanguageReference } from './reference.js';
export type { OperatorEntry, SyntaxEntry } from './reference-syntax.js';
export { RegexBudget } from './regex-budget.js';
export { isTruthy } from './values.js';
