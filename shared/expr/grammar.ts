import { POISON_KEYS } from '../graph/poison-keys.js';
import { ExprError } from './expr-error.js';
import type { Token } from './tokenize.js';

/**
 * Keys that could reach or rewrite prototypes (`__proto__`, `constructor`, `prototype`), the
 * same set the graph validator rejects. Compile errors wherever a key is written literally;
 * keys computed at run time read as null.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = POISON_KEYS;

export const KEYWORDS: ReadonlySet<string> = new Set([
  ...['and', 'or', 'not', 'in', 'if', 'then', 'else', 'true', 'false', 'null', 'item'],
]);

/**
 * Binding powers, loosest first (the reference's precedence table lists the same order).
 * Comparisons are non-associative: the parser rejects `a < b < c`.
 */
export const BP = { or: 10, and: 20, not: 30, compare: 40, add: 50, mul: 60, neg: 70, pow: 80, postfix: 90 };

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=', '~=']);

/** The binding power of `t` as an infix or postfix operator, or null if it is not one. */
export function infixPower(t: Token, after: Token | undefined): number | null {
  if (t.kind === 'name') {
    if (t.text === 'or') return BP.or;
    if (t.text === 'and') return BP.and;
    const notIn = t.text === 'not' && after?.kind === 'name' && after.text === 'in';
    return t.text === 'in' || notIn ? BP.compare : null;
  }
  if (t.kind !== 'op') return null;
  if (COMPARE_OPS.has(t.text)) return BP.compare;
  if (t.text === '+' || t.text === '-') return BP.add;
  if (t.text === '*' || t.text === '/' || t.text === '%') return BP.mul;
  if (t.text === '^') return BP.pow;
  if (t.text === '.' || t.text === '[' || t.text === '(') return BP.postfix;
  return null;
}

export function checkKey(key: string, pos: number): void {
  if (FORBIDDEN_KEYS.has(key)) throw new ExprError(`field name '${key}' is not allowed at ${pos}`, pos, key);
}
