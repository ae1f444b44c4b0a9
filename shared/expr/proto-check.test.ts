import { describe, expect, it } from 'vitest';
import { inheritableCheck, noneInheritable } from './proto-check.js';
import { inheritable } from './values.js';

type Keyed = Record<PropertyKey, unknown>;

/** More keys than there are sites: the last ones share the fallback. */
const KEYS = Array.from({ length: 24 }, (_, i) => `pc${i}`);

function polluted<T>(proto: object, key: string, fn: () => T): T {
  (proto as Keyed)[key] = 1;
  try {
    return fn();
  } finally {
    delete (proto as Keyed)[key];
  }
}

describe('per-key prototype checks', () => {
  it('a key keeps its site; keys past the last site share `inheritable`', () => {
    const sites = KEYS.map(inheritableCheck);
    expect(KEYS.map(inheritableCheck)).toEqual(sites);
    expect(new Set(sites).size).toBeGreaterThan(1);
    expect(sites.at(-1)).toBe(inheritable);
  });

  it('each site, run hot on its key, sees the key appear on either prototype and go again', () => {
    const checks = KEYS.map((k) => noneInheritable([k]));
    // ARRANGE: every check answers many times first, so its `in` has an inline cache (and is optimised)
    for (let i = 0; i < 20_000; i++) for (const c of checks) c();
    for (const [i, key] of KEYS.entries()) {
      for (const proto of [Object.prototype, Array.prototype]) {
        // ACT + ASSERT: polluted between two calls, the next call sees it; clean again, it passes
        expect(checks[i]!()).toBe(true);
        expect(polluted(proto, key, () => checks[i]!())).toBe(false);
        expect(checks[i]!()).toBe(true);
      }
    }
  });

  it('several keys: any one of them inheritable fails the check', () => {
    const check = noneInheritable(['pcA', 'pcB', 'pcC']);
    for (let i = 0; i < 20_000; i++) check();
    expect(check()).toBe(true);
    expect(polluted(Object.prototype, 'pcC', check)).toBe(false);
    expect(polluted(Array.prototype, 'pcA', check)).toBe(false);
    expect(check()).toBe(true);
    expect(noneInheritable([])()).toBe(true);
    expect(noneInheritable(['toString'])()).toBe(false);
    expect(noneInheritable(['value', 'length'])()).toBe(false);
  });
});
