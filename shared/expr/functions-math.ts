import { type FunctionSpec, isNum, MAX_VARIADIC_ARGS } from './function-spec.js';
import { fin } from './values.js';

const num1 = (f: (x: number) => number) => (x: unknown) => (isNum(x) ? fin(f(x)) : null);

// Half away from zero (2.5 → 3, -2.5 → -3), as spreadsheets do; Math.round would give -2.
function round(x: unknown, digits: unknown): number | null {
  if (!isNum(x)) return null;
  const d = digits === undefined ? 0 : isNum(digits) ? Math.min(15, Math.max(0, Math.trunc(digits))) : null;
  if (d === null) return null;
  const m = 10 ** d;
  return fin((Math.sign(x) * Math.round(Math.abs(x) * m)) / m);
}

function extreme(args: readonly unknown[], pick: (a: number, b: number) => number): number | null {
  let best: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (isNum(v)) best = best === null ? v : pick(best, v);
  }
  return best;
}

/** Number functions. Non-number arguments and non-finite results (sqrt(-1), log(0)) give null. */
export const MATH_FUNCTIONS: FunctionSpec[] = [
  {
    name: 'abs',
    signature: 'abs(x: number): number',
    description: 'Absolute value.',
    example: 'abs(-3)',
    result: '3',
    minArgs: 1,
    maxArgs: 1,
    fixed: num1(Math.abs),
  },
  {
    name: 'round',
    signature: 'round(x: number, digits?: number): number',
    description: 'Rounds to `digits` decimals (default 0, at most 15); halves round away from zero.',
    example: 'round(latencyMs / 1000, 1)',
    result: '0.4',
    minArgs: 1,
    maxArgs: 2,
    fixed: round,
  },
  { ...doc('floor', 'Largest integer ≤ x.', 'floor(2.7)', '2'), fixed: num1(Math.floor) },
  { ...doc('ceil', 'Smallest integer ≥ x.', 'ceil(2.1)', '3'), fixed: num1(Math.ceil) },
  { ...doc('trunc', 'Integer part of x (towards zero).', 'trunc(-2.7)', '-2'), fixed: num1(Math.trunc) },
  { ...doc('sqrt', 'Square root; null for negative x.', 'sqrt(16)', '4'), fixed: num1(Math.sqrt) },
  {
    ...doc('log', 'Natural logarithm; null for x ≤ 0.', 'round(log(100), 3)', '4.605'),
    fixed: num1(Math.log),
  },
  { ...doc('log10', 'Base-10 logarithm; null for x ≤ 0.', 'log10(1000)', '3'), fixed: num1(Math.log10) },
  { ...doc('exp', 'e raised to x; null when it overflows.', 'exp(0)', '1'), fixed: num1(Math.exp) },
  {
    name: 'pow',
    signature: 'pow(x: number, y: number): number',
    description: 'x raised to the power y (same as x ^ y).',
    example: 'pow(2, 10)',
    result: '1024',
    minArgs: 2,
    maxArgs: 2,
    fixed: (x, y) => (isNum(x) && isNum(y) ? fin(x ** y) : null),
  },
  {
    name: 'min',
    signature: 'min(x: number, ...more: number[]): number',
    description: 'Smallest of the numbers; arguments that are not numbers (e.g. missing fields) are ignored.',
    example: 'min(latencyMs, 250, missing)',
    result: '250',
    minArgs: 1,
    maxArgs: MAX_VARIADIC_ARGS,
    variadic: (args) => extreme(args, Math.min),
  },
  {
    name: 'max',
    signature: 'max(x: number, ...more: number[]): number',
    description: 'Largest of the numbers; arguments that are not numbers are ignored.',
    example: 'max(value, 100)',
    result: '100',
    minArgs: 1,
    maxArgs: MAX_VARIADIC_ARGS,
    variadic: (args) => extreme(args, Math.max),
  },
  {
    name: 'clamp',
    signature: 'clamp(x: number, low: number, high: number): number',
    description: 'x limited to the range [low, high]; null when low > high.',
    example: 'clamp(latencyMs, 0, 300)',
    result: '300',
    minArgs: 3,
    maxArgs: 3,
    fixed: (x, lo, hi) =>
      isNum(x) && isNum(lo) && isNum(hi) && lo <= hi ? Math.min(Math.max(x, lo), hi) : null,
  },
];

function doc(name: string, description: string, example: string, result: string) {
  return {
    name,
    signature: `${name}(x: number): number`,
    description,
    example,
    result,
    minArgs: 1,
    maxArgs: 1,
  };
}
