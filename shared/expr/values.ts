import type { RegexCharges } from './regex-budget.js';

/**
 * Runtime value rules shared by every compiled closure. The language's values are null,
 * booleans, finite numbers, strings, and (read from item data only) arrays and objects.
 * Everything else found in data (undefined, functions, symbols, bigints, NaN, ±Infinity) reads
 * as null, so a function value can never come out of an expression.
 */

// Captured once, so later tampering with Object.prototype cannot change what it does. Measured
// ~20% faster than Object.hasOwn on V8 (hasOwnProperty has a dedicated fast path).
const hop = Object.prototype.hasOwnProperty;

/** Exact own-property test (the prototype chain is never consulted). */
export const hasOwn = (o: object, k: PropertyKey): boolean => hop.call(o, k);

const OBJECT_PROTO: object = Object.prototype;
const ARRAY_PROTO: object = Array.prototype;

/**
 * True when `o[k]` on item data could find `k` on a prototype instead of on `o`. Item data is
 * JSON-like (prototype Object.prototype, Array.prototype or null), so a plain `o[k]` reads own
 * data only while this is false. `in` runs no getters. Not exact for other prototypes (Map,
 * typed arrays, class instances), which item data never holds.
 */
export function inheritable(k: PropertyKey): boolean {
  return k in OBJECT_PROTO || k in ARRAY_PROTO;
}

/**
 * How the closures being built read a static key (a field path step):
 * - `exact`: an own-property test on every read;
 * - otherwise a plain `o[k]`, and the key is noted in `keys` (see `fastRead`). Such closures are
 *   handed out only after `inheritable` is false for every noted key (`CompiledExpression.forBatch`).
 */
export interface ReadMode {
  exact: boolean;
  keys: Set<PropertyKey>;
  /** Charges `~=` patterns against the cost bounds before they compile (shared by both trees). */
  regex?: RegexCharges;
}

/**
 * True when closures for a read of `k` may use a plain `o[k]`; notes the key for the check. In
 * exact mode callers build their generic closures over exact field reads instead. Fast reads are
 * written out at each read site, never in a shared helper: V8 shares a source location's
 * feedback between all closures made there, and a load that sees many keys goes megamorphic.
 */
export function fastRead(k: PropertyKey, mode: ReadMode): boolean {
  if (mode.exact) return false;
  mode.keys.add(k);
  return true;
}

/** Maps a raw data value into the language's value domain. */
export function clean(v: unknown): unknown {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v - v === 0 ? v : null;
  if (typeof v === 'object') return v; // plain data objects, arrays and null itself
  return null;
}

/** Non-finite arithmetic results (x/0, overflow, sqrt(-1)) become null instead of NaN/Infinity. */
export function fin(n: number): number | null {
  return n - n === 0 ? n : null;
}

/**
 * The truthiness `filter`, `and`, `or`, `not` and `if` use: false, null, 0 and "" are false;
 * everything else (including empty arrays and objects) is true.
 *
 * @example isTruthy(0) // false
 * @example isTruthy("no") // true
 */
export function isTruthy(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === 0 || v === '' || Number.isNaN(v));
}

/** The language's type name of a value, as `type(x)` reports it. */
export function typeName(v: unknown): string {
  const c = clean(v);
  if (c === null) return 'null';
  if (Array.isArray(c)) return 'array';
  return typeof c === 'object' ? 'object' : typeof c;
}

/**
 * Text of a value for `str()` and string concatenation. Arrays and objects render as JSON by a
 * hand-written walk over own enumerable data only (no toJSON/toString calls, which data could
 * shadow); cyclic, deep or huge values give null instead of throwing.
 */
export function toText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return v - v === 0 ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v !== 'object' || v === null) return null;
  const budget = { left: 65_536 };
  return renderJson(v, 0, budget);
}

const MAX_RENDER_DEPTH = 16;

function renderJson(v: unknown, depth: number, budget: { left: number }): string | null {
  const c = clean(v);
  if (c === null) return 'null';
  if (typeof c === 'string') return charge(JSON.stringify(c), budget);
  if (typeof c !== 'object') return charge(String(c), budget);
  if (depth >= MAX_RENDER_DEPTH) return null;
  const parts: string[] = [];
  if (Array.isArray(c)) {
    for (let i = 0; i < c.length; i++) {
      const p = renderJson(hasOwn(c, i) ? c[i] : null, depth + 1, budget);
      if (p === null) return null;
      parts.push(p);
    }
    return charge(`[${parts.join(',')}]`, budget);
  }
  for (const key of Object.keys(c)) {
    const p = renderJson((c as Record<string, unknown>)[key], depth + 1, budget);
    if (p === null) return null;
    parts.push(`${JSON.stringify(key)}:${p}`);
  }
  return charge(`{${parts.join(',')}}`, budget);
}

function charge(s: string, budget: { left: number }): string | null {
  budget.left -= s.length;
  return budget.left < 0 ? null : s;
}
