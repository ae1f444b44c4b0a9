import { checkKnownFields, collectFields } from './collect-fields.js';
import { compileNode } from './compile.js';
import { EMPTY_ITEM, type Item } from './compiled.js';
import { ExprError } from './expr-error.js';
import { parse } from './parse.js';

export interface CompileOptions {
  /** Known field paths; when given, reading any other field is a compile error naming it. */
  fields?: readonly string[];
}

export interface CompiledExpression {
  ok: true;
  /** Evaluates against one item. Never throws and never returns undefined or a function. */
  evaluate: (item: Item) => unknown;
  /**
   * `evaluate` without its guard, for callers whose item is always a non-null object (runtime
   * items are): one call less per item. Anything else may throw or read wrong values.
   */
  evaluateObject: (item: Item) => unknown;
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
  const root = compileNode(ast);
  const fn = root.fn;
  // The only guard on the hot path: everything below assumes `item` is an object.
  const evaluate = (item: Item): unknown => fn(typeof item === 'object' && item !== null ? item : EMPTY_ITEM);
  return { ok: true, evaluate, evaluateObject: fn, fields: [...new Set(uses.map((u) => u.text))].sort() };
}
