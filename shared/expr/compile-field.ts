import type { PathKey } from './ast.js';
import { type Compiled, dynamic, type Eval, type Item } from './compiled.js';
import { FORBIDDEN_KEYS } from './grammar.js';
import { fieldShape } from './kernels.js';
import { clean, fastRead, hasOwn, type ReadMode } from './values.js';

/**
 * Reads a static path. Every step reads own properties only, so inherited members (toString,
 * anything a polluted prototype adds) read as null; values are cleaned so functions never come
 * out. How a step checks ownership is the `mode`'s (see `ReadMode`). One- and two-step paths get
 * their own closures because they are by far the most common and a loop costs a few
 * nanoseconds per evaluation.
 */
export function compileField(path: PathKey[], mode: ReadMode): Compiled {
  if (path.length === 0) return dynamic((it) => it);
  const [a, b] = path;
  if (path.length === 1) {
    const k = a!;
    const fast = fastRead(k, mode);
    const c = fast ? dynamic((it) => clean(it[k])) : dynamic((it) => (hasOwn(it, k) ? clean(it[k]) : null));
    if (typeof k !== 'string') return c;
    return { ...c, key: k, shape: fast ? fieldShape(k) : null };
  }
  if (path.length === 2) {
    if (fastRead(a!, mode) && fastRead(b!, mode)) {
      return dynamic((it) => {
        const o = it[a!];
        return typeof o === 'object' && o !== null ? clean((o as Item)[b!]) : null;
      });
    }
    return dynamic((it) => {
      if (!hasOwn(it, a!)) return null;
      const o = it[a!];
      return typeof o === 'object' && o !== null && hasOwn(o, b!) ? clean((o as Item)[b!]) : null;
    });
  }
  const exact = !path.every((k) => fastRead(k, mode));
  return dynamic((it) => {
    let o: unknown = it;
    for (let i = 0; i < path.length; i++) {
      const k = path[i]!;
      if (typeof o !== 'object' || o === null || (exact && !hasOwn(o, k))) return null;
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
