import type { Shape } from './kernels.js';

/** Items are plain data records; expressions only ever read them. */
export type Item = Record<string, unknown>;
export type Eval = (item: Item) => unknown;

/**
 * A compiled sub-expression plus what the compiler knows about it statically, which lets the
 * parent pick a specialised closure (field-op-constant, boolean-only logic, folded constants).
 */
export interface Compiled {
  fn: Eval;
  isConst: boolean;
  /** The value when `isConst`. */
  value: unknown;
  /** The key when this is a read of one top-level field, e.g. `value`. */
  key: string | null;
  /** True when `fn` always returns a boolean, so `and`/`or`/`not` can skip truthiness. */
  bool: boolean;
  /** The shape maps and filters have whole-batch loops for (`kernels.ts`); fast tree only. */
  shape: Shape | null;
}

/** Stands in for the item while folding constants and when `evaluate` is given a non-object. */
export const EMPTY_ITEM: Item = Object.freeze({});

export function constant(value: unknown): Compiled {
  return { fn: () => value, isConst: true, value, key: null, bool: typeof value === 'boolean', shape: null };
}

export function dynamic(fn: Eval, bool = false): Compiled {
  return { fn, isConst: false, value: undefined, key: null, bool, shape: null };
}
