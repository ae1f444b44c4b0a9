import type { Compiled, Eval, Item } from './compiled.js';
import { clean, fastRead, type ReadMode } from './values.js';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
type Order = (a: unknown, b: unknown) => boolean;

// Ordering only between two numbers or two strings; anything else (null included) is false,
// so `latencyMs > 250` is simply false when latencyMs is missing.
const ORDER: Record<'<' | '<=' | '>' | '>=', Order> = {
  '<': (a, b) =>
    (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')
      ? a < b
      : false,
  '<=': (a, b) =>
    (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')
      ? a <= b
      : false,
  '>': (a, b) =>
    (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')
      ? a > b
      : false,
  '>=': (a, b) =>
    (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')
      ? a >= b
      : false,
};

/**
 * Equality is `===` on language values (no coercion: 1 == "1" is false; null == null is true).
 * Sides are cleaned values, so a missing field is null, never undefined.
 */
export function compileCompare(op: CompareOp, left: Compiled, right: Compiled, mode: ReadMode): Eval {
  // Put the constant on the right: `250 < x` is `x > 250`.
  if (left.isConst && !right.isConst) return compileCompare(FLIP[op], right, left, mode);
  const lf = left.fn;
  if (right.isConst) {
    const c = right.value;
    if (op === '==' || op === '!=') {
      const eq =
        left.key !== null && c !== null && fastRead(left.key, mode)
          ? fieldEquals(left.key, c)
          : (it: Item) => lf(it) === c;
      return op === '==' ? eq : (it) => !eq(it);
    }
    if (left.key !== null && typeof c === 'number' && fastRead(left.key, mode))
      return fieldOrder(op, left.key, c);
    const f = ORDER[op];
    return (it) => f(lf(it), c);
  }
  const rf = right.fn;
  if (op === '==') return (it) => lf(it) === rf(it);
  if (op === '!=') return (it) => lf(it) !== rf(it);
  const f = ORDER[op];
  return (it) => f(lf(it), rf(it));
}

export const FLIP: Record<CompareOp, CompareOp> = {
  '==': '==',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

// A non-null constant can only equal a raw value that is already a language value, so the
// raw read needs no clean().
function fieldEquals(k: string, c: unknown): Eval {
  return (it) => it[k] === c;
}

// `a - a === 0` rejects NaN and ±Infinity in data, which read as null elsewhere. One literal
// per operator keeps the comparison inlined.
function fieldOrder(op: Exclude<CompareOp, '==' | '!='>, k: string, c: number): Eval {
  switch (op) {
    case '<':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' && a - a === 0 && a < c;
      };
    case '<=':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' && a - a === 0 && a <= c;
      };
    case '>':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' && a - a === 0 && a > c;
      };
    case '>=':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' && a - a === 0 && a >= c;
      };
  }
}

/** `x in (a, b, c)`, `x not in (...)` and `x in someArray`. */
export function compileIn(
  needle: Compiled,
  list: Compiled[] | null,
  haystack: Compiled | null,
  negated: boolean,
): Eval {
  const nf = needle.fn;
  let test: Eval;
  if (list?.every((c) => c.isConst)) {
    // Literal lists become a Set: one hash lookup instead of a scan. Set equality matches ===
    // for language values (NaN never occurs).
    const set = new Set(list.map((c) => c.value));
    test = (it) => set.has(nf(it));
  } else if (list !== null) {
    const fns = list.map((c) => c.fn);
    test = (it) => {
      const v = nf(it);
      for (let i = 0; i < fns.length; i++) if (fns[i]!(it) === v) return true;
      return false;
    };
  } else {
    const hf = haystack!.fn;
    test = (it) => {
      const h = hf(it);
      if (!Array.isArray(h)) return false;
      const v = nf(it);
      for (let i = 0; i < h.length; i++) if (clean(h[i]) === v) return true;
      return false;
    };
  }
  return negated ? (it) => !test(it) : test;
}
