import { inheritable } from './values.js';

const OP: object = Object.prototype;
const AP: object = Array.prototype;

/**
 * `inheritable(k)` for one key, at a call site of its own. Every map and filter asks it once per
 * batch (`forBatch`), so it is on the hot path: through the one shared `inheritable` the `in`
 * sees every key of the process, goes megamorphic and cost ~80 ns (measured: 1.25 ns per item
 * per expression node at 64-item batches, a quarter of issue 21's 5 ns hop). An `in` that only
 * ever sees one key keeps its inline cache, which answers "not found" from the prototypes' maps
 * and is invalidated by V8 the moment a property is added to either prototype: the same answer,
 * at the price of a map check.
 *
 * The sites are written out below because V8 keys an inline cache by source position (closures
 * made by one function share theirs); keys past the last site share `inheritable`, exact too.
 */
const SITES: Array<(k: PropertyKey) => boolean> = [
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
  (k) => k in OP || k in AP,
];

/** Which site each key was given; bounded by SITES (later keys are not remembered). */
const siteOf = new Map<PropertyKey, (k: PropertyKey) => boolean>();

/** The check for key `k`: the key's own site while sites last, else the shared one. */
export function inheritableCheck(k: PropertyKey): (k: PropertyKey) => boolean {
  const known = siteOf.get(k);
  if (known !== undefined) return known;
  const site = SITES[siteOf.size];
  if (site === undefined) return inheritable;
  siteOf.set(k, site);
  return site;
}

/**
 * True while none of `keys` is inheritable: `fastValid` for an expression reading them, each
 * key at its own site (see `inheritableCheck`).
 */
export function noneInheritable(keys: readonly PropertyKey[]): () => boolean {
  const checks = keys.map(inheritableCheck);
  if (keys.length === 0) return () => true;
  if (keys.length === 1) {
    // Most expressions read one field (`value * 2`, `id % 2 == 0`): no loop.
    const k0 = keys[0]!;
    const c0 = checks[0]!;
    return () => !c0(k0);
  }
  return () => {
    for (let i = 0; i < keys.length; i++) if (checks[i]!(keys[i]!)) return false;
    return true;
  };
}
