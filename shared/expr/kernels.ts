import type { ArithOp } from './compile-arith.js';
import { add } from './compile-arith.js';
import type { CompareOp } from './compile-compare.js';
import type { Compiled, Item } from './compiled.js';
import { namedAssignKernel, namedKeepKernel } from './named-kernels.js';
import { clean, fin, isTruthy, type ReadMode } from './values.js';

/**
 * The shapes of expression maps and filters have whole-batch loops for, known at compile time: a
 * top-level field (`value`), optionally with a number constant applied (`value * 2`, `id % 4`),
 * optionally compared with a constant (`id % 4 == 0`, `level == "ERROR"`, `latencyMs > 250`).
 * Only the fast tree has shapes: its field reads are plain loads, valid while the key is not
 * inheritable (see `forBatch`).
 */
export interface Shape {
  key: string;
  /** The number constant applied (`by`), if any. */
  arith: ArithOp | null;
  by: number;
  /** The comparison with the constant `to`, if any. */
  compare: CompareOp | null;
  to: unknown;
}

/** The shape of a plain one-step field read. */
export function fieldShape(key: string): Shape {
  return { key, arith: null, by: 0, compare: null, to: null };
}

/** `field op number`, the constant on the right: the case `compileArith` specialises. */
export function arithShape(op: ArithOp, left: Compiled, right: Compiled, mode: ReadMode): Shape | null {
  const s = left.shape;
  if (mode.exact || s === null || s.arith !== null || s.compare !== null) return null;
  if (!right.isConst || typeof right.value !== 'number') return null;
  return { ...s, arith: op, by: right.value };
}

/**
 * A shape compared with a constant, the constant on the right (`compileCompare` flips `5 < x`).
 * Equality against null, booleans, strings and finite numbers (what a cleaned value can equal);
 * ordering against a number, of a plain field only.
 */
export function compareShape(op: CompareOp, left: Compiled, right: Compiled, mode: ReadMode): Shape | null {
  const s = left.shape;
  if (mode.exact || s === null || s.compare !== null || !right.isConst) return null;
  const c = right.value;
  const ok =
    op === '==' || op === '!='
      ? c === null ||
        typeof c === 'boolean' ||
        typeof c === 'string' ||
        (typeof c === 'number' && c - c === 0)
      : typeof c === 'number' && s.arith === null;
  return ok ? { ...s, compare: op, to: c } : null;
}

/**
 * A whole-batch loop for a map: `item[field] = value` for every item, in place (the map owns its
 * input), `field` the one it was made for. Batches hold non-null objects, as `forBatch`'s do.
 */
export type AssignKernel = (items: readonly Item[]) => void;

/**
 * The loop for a shape without a comparison (`value`, `value * 2`). The per-item work is
 * inline in the loop, where the closure tree costs a call per item; each operator has a loop of
 * its own, written out, for the reason `fieldNumber` has one closure per operator (V8 compiles
 * the operation inline, on numbers). Per item it computes exactly what the closures of
 * compile-field and compile-arith give (a property test holds them equal).
 */
export function assignKernel(s: Shape, field: string): AssignKernel | undefined {
  if (s.compare !== null) return undefined;
  // The item's own fields into `value`: the loop with both names written out (named-kernels.ts).
  const named = namedAssignKernel(s, field);
  if (named !== undefined) return named;
  const { key: k, by: c } = s;
  switch (s.arith) {
    case null:
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          it[field] = clean(it[k]);
        }
      };
    case '+':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a + c) : add(clean(a), c);
        }
      };
    case '-':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a - c) : null;
        }
      };
    case '*':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a * c) : null;
        }
      };
    case '/':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a / c) : null;
        }
      };
    case '%':
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a % c) : null;
        }
      };
    default: // ^
      return (items) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a ** c) : null;
        }
      };
  }
}

/**
 * A whole-batch loop for a filter: writes the items the expression is truthy for to `out` from
 * index 0 (`out` may be `items` itself) and returns how many. Batches hold non-null objects.
 */
export type KeepKernel = (items: readonly Item[], out: Item[]) => number;

/**
 * The loop for a shape a filter commonly has: `field`, `field == c`, `field < n` (any ordering),
 * and `field op n == c` (`id % 4 == 0`); `!=` as `==` with the answer flipped. Otherwise
 * undefined (the closure tree). Written out per operator, as `assignKernel`'s loops are.
 */
export function keepKernel(s: Shape): KeepKernel | undefined {
  // A filter on one of the item's own fields: the loop with the name written out (named-kernels.ts).
  const named = namedKeepKernel(s);
  if (named !== undefined) return named;
  const { key: k, by: c, to } = s;
  if (s.compare === '==' || s.compare === '!=') return equalLoop(s.arith, k, c, to, s.compare === '==');
  if (s.arith !== null) return undefined;
  const n = to as number;
  switch (s.compare) {
    case null:
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const v = clean(it[k]);
          if (v === true || (v !== false && isTruthy(v))) out[kept++] = it;
        }
        return kept;
      };
    case '<':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (typeof a === 'number' && a - a === 0 && a < n) out[kept++] = it;
        }
        return kept;
      };
    case '<=':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (typeof a === 'number' && a - a === 0 && a <= n) out[kept++] = it;
        }
        return kept;
      };
    case '>':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (typeof a === 'number' && a - a === 0 && a > n) out[kept++] = it;
        }
        return kept;
      };
    default: // >=
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (typeof a === 'number' && a - a === 0 && a >= n) out[kept++] = it;
        }
        return kept;
      };
  }
}

/** `x == to` per item (`eq`), or `x != to` (`!eq`), where x is the field with `arith` applied. */
function equalLoop(arith: ArithOp | null, k: string, c: number, to: unknown, eq: boolean): KeepKernel {
  switch (arith) {
    case null:
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          if ((clean(it[k]) === to) === eq) out[kept++] = it;
        }
        return kept;
      };
    case '+':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (((typeof a === 'number' ? fin(a + c) : add(clean(a), c)) === to) === eq) out[kept++] = it;
        }
        return kept;
      };
    case '-':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (((typeof a === 'number' ? fin(a - c) : null) === to) === eq) out[kept++] = it;
        }
        return kept;
      };
    case '*':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (((typeof a === 'number' ? fin(a * c) : null) === to) === eq) out[kept++] = it;
        }
        return kept;
      };
    case '/':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (((typeof a === 'number' ? fin(a / c) : null) === to) === eq) out[kept++] = it;
        }
        return kept;
      };
    case '%':
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (((typeof a === 'number' ? fin(a % c) : null) === to) === eq) out[kept++] = it;
        }
        return kept;
      };
    default: // ^
      return (items, out) => {
        let kept = 0;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          if (((typeof a === 'number' ? fin(a ** c) : null) === to) === eq) out[kept++] = it;
        }
        return kept;
      };
  }
}
