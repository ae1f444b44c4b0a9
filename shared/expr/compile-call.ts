import type { Compiled, Eval } from './compiled.js';
import { ExprError } from './expr-error.js';
import { closeMatches, FUNCTIONS } from './functions.js';
import { clean, fastRead, type ReadMode } from './values.js';

/**
 * A call of a whitelisted function. Unknown names and wrong argument counts are compile
 * errors. Arities 1–3 get closures that pass arguments directly (no array per call); variadic
 * functions get one scratch array per call site, which is safe because evaluation never
 * re-enters the same closure.
 */
export function compileCall(name: string, args: Compiled[], pos: number, mode: ReadMode): Eval {
  const spec = FUNCTIONS.get(name);
  if (spec === undefined) {
    const near = closeMatches(name, FUNCTIONS.keys());
    const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : '';
    throw new ExprError(`unknown function '${name}' at ${pos}${hint}`, pos, name);
  }
  if (args.length < spec.minArgs || args.length > spec.maxArgs) {
    const want = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
    const noun = spec.maxArgs === 1 ? 'argument' : 'arguments';
    throw new ExprError(
      `${name}() takes ${want} ${noun}, got ${args.length} (at ${pos}): ${spec.signature}`,
      pos,
      name,
    );
  }
  if (spec.variadic) {
    const f = spec.variadic;
    const fns = args.map((a) => a.fn);
    const scratch: unknown[] = new Array(fns.length).fill(null);
    return (it) => {
      for (let i = 0; i < fns.length; i++) scratch[i] = fns[i]!(it);
      return f(scratch);
    };
  }
  const f = spec.fixed!;
  const [a, b, c] = args;
  if (args.length === 1) {
    // `lower(message)`: read the field inline instead of through its closure.
    if (a!.key !== null && fastRead(a!.key, mode)) {
      const k = a!.key;
      return (it) => f(clean(it[k]), undefined, undefined);
    }
    const af = a!.fn;
    return (it) => f(af(it), undefined, undefined);
  }
  const af = a!.fn;
  const bf = b!.fn;
  if (args.length === 2) return (it) => f(af(it), bf(it), undefined);
  const cf = c!.fn;
  return (it) => f(af(it), bf(it), cf(it));
}
