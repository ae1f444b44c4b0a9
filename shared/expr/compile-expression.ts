import { checkKnownFields, collectFields } from './collect-fields.js';
import { compileNode } from './compile.js';
import { EMPTY_ITEM, type Eval, type Item } from './compiled.js';
import { ExprError } from './expr-error.js';
import { type AssignKernel, assignKernel, type KeepKernel, keepKernel } from './kernels.js';
import { parse } from './parse.js';
import { noneInheritable } from './proto-check.js';
import { type RegexBudget, RegexCharges } from './regex-budget.js';

export interface CompileOptions {
  /** Known field paths; when given, reading any other field is a compile error naming it. */
  fields?: readonly string[];
  /**
   * The regex cost budget of the whole graph document this expression belongs to; without it
   * only the per-pattern bound applies.
   */
  regexBudget?: RegexBudget;
}

export interface CompiledExpression {
  ok: true;
  /** Evaluates against one item. Never throws and never returns undefined or a function. */
  evaluate: (item: Item) => unknown;
  /**
   * The evaluator for a batch of items, which must be non-null objects (runtime items are;
   * anything else may throw or read wrong values): the one that
   * reads fields with a plain load unless a key the expression reads is found on
   * Object.prototype or Array.prototype right now, else the one that tests ownership on every
   * read. Get it again for every batch and use it only in one synchronous loop: the check holds
   * because nothing else runs until the loop ends (expressions are pure), so a prototype changed
   * between batches is still seen. Saves the per-read test that `evaluate` has to make.
   */
  forBatch: () => Eval;
  /**
   * For a map: a loop that sets `field` of every item of a batch to the expression's value, when
   * the expression is a field or `field op number` (see `kernels.ts`), else undefined. Per batch
   * as `forBatch`, and undefined too while the key it reads is inheritable.
   */
  assignForBatch: (field: string) => AssignKernel | undefined;
  /**
   * For a filter: a loop that keeps the items of a batch the expression is truthy for, when the
   * expression is `field`, `field == c`, `field < n` (any ordering) or `field op n == c` (see
   * `kernels.ts`), else undefined. Per batch as `forBatch`.
   */
  keepForBatch: () => KeepKernel | undefined;
  /** Static field paths the expression reads, sorted and unique. */
  fields: string[];
}

export interface CompileFailure {
  ok: false;
  error: { message: string; position: number; token: string };
}

export type CompileResult = CompiledExpression | CompileFailure;

/**
 * Compiles an untrusted expression once into a closure. Never throws: every problem comes back
 * as `{ ok: false, error }` with a 0-based position into the source.
 *
 * @example
 * const r = compileExpression('level == "ERROR" and latencyMs > 250');
 * if (r.ok) r.evaluate({ level: 'ERROR', latencyMs: 300 }); // true
 */
export function compileExpression(source: string, options: CompileOptions = {}): CompileResult {
  try {
    return compileOrThrow(source, options);
  } catch (e) {
    if (e instanceof ExprError)
      return { ok: false, error: { message: e.message, position: e.position, token: e.token } };
    // Not reachable by design (the property tests look for it); reported rather than thrown so
    // a compiler bug fails one node instead of the whole request.
    return {
      ok: false,
      error: { message: `internal error compiling expression: ${String(e)}`, position: 0, token: '' },
    };
  }
}

/** Like `compileExpression` but throws `ExprError`; used by tests to check the error type. */
export function compileOrThrow(source: string, options: CompileOptions = {}): CompiledExpression {
  if (typeof source !== 'string') throw new ExprError('expression must be a string', 0, '');
  const ast = parse(source);
  const uses = collectFields(ast);
  if (options.fields) checkKnownFields(uses, options.fields);
  // Two closure trees: `fast` reads static keys with plain loads and is valid while none of the
  // keys it noted is inheritable; `exact` tests ownership on every read.
  const keys = new Set<PropertyKey>();
  const regex = new RegexCharges(options.regexBudget);
  const fastTree = compileNode(ast, { exact: false, keys, regex });
  const fast = fastTree.fn;
  const exact = compileNode(ast, { exact: true, keys, regex }).fn;
  const shape = fastTree.shape;
  // A map's loop depends on the field it writes too: made for the first field asked, again only
  // when another is asked (a map node always asks for the same one).
  let assignField: string | undefined;
  let assign: AssignKernel | undefined;
  const keep = shape === null ? undefined : keepKernel(shape);
  // Asked once per batch by every map and filter: each key is checked at a site of its own.
  const fastValid = noneInheritable([...keys]);
  const forBatch = (): Eval => (fastValid() ? fast : exact);
  const assignForBatch = (field: string): AssignKernel | undefined => {
    if (shape === null) return undefined;
    if (field !== assignField) {
      assignField = field;
      assign = assignKernel(shape, field);
    }
    return assign !== undefined && fastValid() ? assign : undefined;
  };
  const keepForBatch = (): KeepKernel | undefined => (keep !== undefined && fastValid() ? keep : undefined);
  // The only guard: everything below assumes `item` is an object.
  const evaluate = (item: Item): unknown =>
    forBatch()(typeof item === 'object' && item !== null ? item : EMPTY_ITEM);
  return {
    ok: true,
    evaluate,
    forBatch,
    assignForBatch,
    keepForBatch,
    fields: [...new Set(uses.map((u) => u.text))].sort(),
  };
}
