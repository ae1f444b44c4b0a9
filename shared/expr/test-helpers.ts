import { compileOrThrow } from './compile-expression.js';
import { ExprError } from './expr-error.js';

/** Compiles and evaluates in one step; throws if the expression does not compile. */
export function run(source: string, item: Record<string, unknown> = {}): unknown {
  return compileOrThrow(source).evaluate(item);
}

/** The ExprError that compiling `source` raises (fails the test if it compiles). */
export function errorOf(source: string, fields?: string[]): ExprError {
  try {
    compileOrThrow(source, fields ? { fields } : {});
  } catch (e) {
    if (e instanceof ExprError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(source)} not to compile`);
}
