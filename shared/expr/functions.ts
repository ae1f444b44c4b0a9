import type { FunctionSpec } from './function-spec.js';
import { CONVERT_FUNCTIONS } from './functions-convert.js';
import { MATH_FUNCTIONS } from './functions-math.js';
import { TEXT_FUNCTIONS } from './functions-text.js';

/** Every function the language knows, in documentation order. */
export const FUNCTION_SPECS: readonly FunctionSpec[] = [
  ...TEXT_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...CONVERT_FUNCTIONS,
];

// A Map, not an object: a name like `constructor` or `__proto__` can never find anything.
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(FUNCTION_SPECS.map((f) => [f.name, f]));

/**
 * Up to three known names close to `name` (a typo or two, a different case, a prefix or an abbreviation),
 * for "did you mean" hints on unknown functions and fields.
 *
 * @example closeMatches('lowr', ['lower', 'upper']) // ['lower']
 */
export function closeMatches(name: string, candidates: Iterable<string>): string[] {
  const scored: Array<[number, string]> = [];
  const lower = name.toLowerCase();
  // Short names tolerate one typo; otherwise nearly every short function would be "close".
  const allowed = lower.length <= 4 ? 1 : 2;
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    const cl = c.toLowerCase();
    if (d <= allowed || cl.startsWith(lower) || (lower.length >= 3 && isSubsequence(lower, cl)))
      scored.push([d, c]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
    .slice(0, 3)
    .map(([, c]) => c);
}

/** `lvl` in `level`: abbreviations keep their letters in order. */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (short[i] === long[j]) i++;
  return i === short.length;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
