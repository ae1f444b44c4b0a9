/** Keys that can rewrite prototypes when untrusted JSON is merged or copied. */
export const POISON_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Paths (dot-joined) of every poisoning key in an untrusted JSON value, at any depth.
 * Stops after `max` hits so a hostile document cannot make the walk itself expensive.
 *
 * @example findPoisonKeys(JSON.parse('{"a":{"__proto__":{"x":1}}}')) // ['a.__proto__']
 */
export function findPoisonKeys(value: unknown, max = 20): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0 && found.length < max) {
    const [v, path] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    for (const key of Object.keys(v)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (POISON_KEYS.has(key)) found.push(child);
      stack.push([(v as Record<string, unknown>)[key], child]);
    }
  }
  return found;
}
