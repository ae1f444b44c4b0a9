/**
 * One whitelisted function: its documentation (served to the inspector) and its pure,
 * total implementation. Implementations receive language values and must never throw: bad
 * argument types give null (or false for predicates), as documented per function.
 */
export interface FunctionSpec {
  name: string;
  /** Human signature, e.g. `substr(s: string, start: number, length?: number): string`. */
  signature: string;
  description: string;
  /** An expression evaluated against `REFERENCE_SAMPLE_ITEM`; tests check it gives `result`. */
  example: string;
  /** JSON text of the example's result. */
  result: string;
  minArgs: number;
  maxArgs: number;
  /** Fixed-arity implementation; called with exactly the arguments given (≤ 3). */
  fixed?: (a: unknown, b: unknown, c: unknown) => unknown;
  /** Variadic implementation; receives a scratch array that is reused between calls. */
  variadic?: (args: readonly unknown[]) => unknown;
}

/** The item the reference examples run against (shown beside them in the help panel). */
export const REFERENCE_SAMPLE_ITEM = {
  id: 7,
  value: 21,
  level: 'ERROR',
  message: '  Upstream Timeout after 30s ',
  latencyMs: 420,
  key: 'user-42',
  http: { status: 503, method: 'GET' },
  tags: ['api', 'eu'],
  'odd key': 'yes',
};

/** Variadic functions accept at most this many arguments. */
export const MAX_VARIADIC_ARGS = 32;

export const isStr = (v: unknown): v is string => typeof v === 'string';
export const isNum = (v: unknown): v is number => typeof v === 'number';
