import type { ArithOp } from './compile-arith.js';
import { add } from './compile-arith.js';
import type { Compiled, Item } from './compiled.js';
import { clean, fin, type ReadMode } from './values.js';

/**
 * The shapes of expression a map has a whole-batch loop for, known at compile time: a top-level
 * field (`value`), optionally with a number constant applied (`value * 2`, `bytes / 1024`). Only
 * the fast tree has shapes: its field reads are plain loads, valid while the key is not
 * inheritable (see `forBatch`).
 */
export interface Shape {
  key: string;
  /** 0 for none, else the operator's code in `A_CODES`. */
  arith: number;
  by: number;
}

const A_NONE = 0;
const A_CODES: Record<ArithOp, number> = { '+': 1, '-': 2, '*': 3, '/': 4, '%': 5, '^': 6 };

/** The shape of a plain one-step field read. */
export function fieldShape(key: string): Shape {
  return { key, arith: A_NONE, by: 0 };
}

/** `field op number`, the constant on the right: the case `compileArith` specialises. */
export function arithShape(op: ArithOp, left: Compiled, right: Compiled, mode: ReadMode): Shape | null {
  const s = left.shape;
  if (mode.exact || s === null || s.arith !== A_NONE) return null;
  if (!right.isConst || typeof right.value !== 'number') return null;
  return { key: s.key, arith: A_CODES[op], by: right.value };
}

/**
 * A whole-batch loop for a map: `item[field] = value` for every item, in place (the map owns its
 * input). Batches hold non-null objects, as `forBatch`'s do.
 */
export type AssignKernel = (items: readonly Item[], field: string) => void;

/**
 * The loop for a shape (`value`, `value * 2`). The per-item work is
 * inline in the loop, where the closure tree costs a call per item; each operator has a loop of
 * its own, written out, for the reason `fieldNumber` has one closure per operator (V8 compiles
 * the operation inline, on numbers). Per item it computes exactly what the closures of
 * compile-field and compile-arith give (a property test holds them equal).
 */
export function assignKernel(s: Shape): AssignKernel {
  const { key: k, by: c } = s;
  switch (s.arith) {
    case A_NONE:
      return (items, field) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          it[field] = clean(it[k]);
        }
      };
    case 1:
      return (items, field) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a + c) : add(clean(a), c);
        }
      };
    case 2:
      return (items, field) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a - c) : null;
        }
      };
    case 3:
      return (items, field) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a * c) : null;
        }
      };
    case 4:
      return (items, field) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a / c) : null;
        }
      };
    case 5:
      return (items, field) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a % c) : null;
        }
      };
    default:
      return (items, field) => {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          const a = it[k];
          it[field] = typeof a === 'number' ? fin(a ** c) : null;
        }
      };
  }
}
