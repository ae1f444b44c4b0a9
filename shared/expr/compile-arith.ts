import type { BinaryOp } from './ast.js';
import type { Compiled, Eval } from './compiled.js';
import { clean, fastRead, fin, hasOwn, type ReadMode } from './values.js';

type Arith = (a: unknown, b: unknown) => unknown;

// Text for `+` concatenation: only scalars, so "a" + null stays null (missing data shows).
const scalarText = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

/** `+` adds numbers and concatenates when either side is a string; null or lists give null. */
export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return fin(a + b);
  if (typeof a !== 'string' && typeof b !== 'string') return null;
  const x = scalarText(a);
  const y = scalarText(b);
  return x === null || y === null ? null : x + y;
}

// Numbers only; fin() turns x/0, x%0, overflow and NaN into null.
const ARITH: Record<Exclude<BinaryOp, '==' | '!=' | '<' | '<=' | '>' | '>='>, Arith> = {
  '+': add,
  '-': (a, b) => (typeof a === 'number' && typeof b === 'number' ? fin(a - b) : null),
  '*': (a, b) => (typeof a === 'number' && typeof b === 'number' ? fin(a * b) : null),
  '/': (a, b) => (typeof a === 'number' && typeof b === 'number' ? fin(a / b) : null),
  '%': (a, b) => (typeof a === 'number' && typeof b === 'number' ? fin(a % b) : null),
  '^': (a, b) => (typeof a === 'number' && typeof b === 'number' ? fin(a ** b) : null),
};

export type ArithOp = keyof typeof ARITH;
export const isArithOp = (op: BinaryOp): op is ArithOp => hasOwn(ARITH, op);

export function negate(v: unknown): unknown {
  return typeof v === 'number' ? -v : null;
}

/** Builds the closure for an arithmetic operator, specialising `field op number`. */
export function compileArith(op: ArithOp, left: Compiled, right: Compiled, mode: ReadMode): Eval {
  // `field op number` with a plain read; the exact tree takes the generic closure below, which
  // gives the same results through the exact field read.
  if (left.key !== null && right.isConst && typeof right.value === 'number' && fastRead(left.key, mode)) {
    return fieldNumber(op, left.key, right.value);
  }
  const f = ARITH[op];
  const lf = left.fn;
  const rf = right.fn;
  if (right.isConst) {
    const c = right.value;
    return (it) => f(lf(it), c);
  }
  if (left.isConst) {
    const c = left.value;
    return (it) => f(c, rf(it));
  }
  return (it) => f(lf(it), rf(it));
}

// One closure literal per operator so V8 inlines the arithmetic instead of calling through a
// shared operator function; reading the raw value and testing `typeof` avoids clean() here.
function fieldNumber(op: ArithOp, k: string, c: number): Eval {
  switch (op) {
    case '+':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' ? fin(a + c) : add(clean(a), c);
      };
    case '-':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' ? fin(a - c) : null;
      };
    case '*':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' ? fin(a * c) : null;
      };
    case '/':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' ? fin(a / c) : null;
      };
    case '%':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' ? fin(a % c) : null;
      };
    case '^':
      return (it) => {
        const a = it[k];
        return typeof a === 'number' ? fin(a ** c) : null;
      };
  }
}
