import type { PathKey } from './ast.js';
import { type Compiled, dynamic, type Eval, type Item } from './compiled.js';
import { FORBIDDEN_KEYS } from './grammar.js';
import { clean, fastReadAt, hasOwn, OBJECT_PROTO, readsOwn } from './values.js';

/**
 * Reads a static path. Every step reads own properties only, so inherited members (toString,
 * constructor, anything a polluted prototype adds) read as null; values are cleaned so
 * functions never come out. One- and two-step paths get their own closures because they are
 * by far the most common and a loop costs a few nanoseconds per evaluation; they use
 * `readsOwn`. Longer paths use `hasOwn`: their one lookup site sees every step's key, where the
 * `in` test of `readsOwn` is megamorphic and was ~40% slower.
 */
export function compileField(path: PathKey[]): Compiled {
  if (path.length === 0) return dynamic((it) => it);
  const [a, b] = path;
  if (path.length === 1) {
    const k = a!;
    const exact = !fastReadAt('field1', JSON.stringify(path));
    const c = dynamic((it) => (readsOwn(it, k, exact || k in OBJECT_PROTO) ? clean(it[k]) : null));
    return typeof k === 'string' ? { ...c, key: k } : c;
  }
  if (path.length === 2) {
    const exact = !fastReadAt('field2', JSON.stringify(path));
    return dynamic((it) => {
      if (!readsOwn(it, a!, exact || a! in OBJECT_PROTO)) return null;
      const o = it[a!];
      if (typeof o !== 'object' || o === null) return null;
      return readsOwn(o, b!, exact || b! in OBJECT_PROTO) ? clean((o as Item)[b!]) : null;
    });
  }
  return dynamic((it) => {
    let o: unknown = it;
    for (let i = 0; i < path.length; i++) {
      const k = path[i]!;
      if (typeof o !== 'object' || o === null || !hasOwn(o, k)) return null;
      o = (o as Item)[k];
    }
    return clean(o);
  });
}

/** `object[key]` with a computed key: own data only, forbidden keys read as null. */
export function readKey(o: unknown, k: unknown): unknown {
  if (typeof o !== 'object' || o === null) return null;
  if (typeof k === 'string') {
    if (FORBIDDEN_KEYS.has(k) || !hasOwn(o, k)) return null;
  } else if (typeof k !== 'number' || !Number.isInteger(k) || !hasOwn(o, k)) {
    return null;
  }
  return clean((o as Item)[k]);
}

export function compileIndex(object: Compiled, key: Compiled): Eval {
  const of = object.fn;
  if (key.isConst) {
    const k = key.value;
    return (it) => readKey(of(it), k);
  }
  const kf = key.fn;
  return (it) => readKey(of(it), kf(it));
}
