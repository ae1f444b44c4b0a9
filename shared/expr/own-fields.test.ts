import { afterEach, describe, expect, it } from 'vitest';
import { compileOrThrow } from './compile-expression.js';
import type { Item } from './compiled.js';
import { inheritable } from './values.js';

// Field reads use plain loads unless a key the expression reads exists on Object.prototype or
// Array.prototype when the evaluator is picked (`forBatch`; `evaluate` picks on every call).
// These tests pollute prototype keys and check that reads still see own data only, through every
// read path: 1-step, 2-step and n-step fields, `field op number`, `field == constant`,
// `field < number` and a 1-argument call, and through both entry points.

const KEYS = ['pz', 'qz'] as const;
const protos = { 'Object.prototype': Object.prototype, 'Array.prototype': Array.prototype } as const;
type Keyed = Record<string, unknown>;

afterEach(() => {
  // A failed assertion must not leave a prototype polluted for the next test.
  for (const p of Object.values(protos)) for (const k of KEYS) delete (p as Keyed)[k];
});

function withPolluted<T>(proto: object, key: string, value: unknown, fn: () => T): T {
  (proto as Keyed)[key] = value;
  try {
    return fn();
  } finally {
    delete (proto as Keyed)[key];
  }
}

/** Evaluates many times first, so the closure has run optimised before the prototype changes. */
function warmed(source: string, item: Item): (item: Item) => unknown {
  const { evaluate, forBatch } = compileOrThrow(source);
  for (let i = 0; i < 20_000; i++) {
    evaluate(item);
    forBatch()(item);
  }
  return (it) => {
    const a = evaluate(it);
    expect(forBatch()(it)).toEqual(a);
    return a;
  };
}

type Case = [source: string, key: string, without: Item, withOwn: Item, own: unknown];
const array = (own: Keyed): Item => Object.assign([1], own) as unknown as Item;
const OPS = [
  ['+ 1', 6],
  ['+ "!"', '5!'],
  ['- 1', 4],
  ['* 2', 10],
  ['/ 2', 2.5],
  ['% 2', 1],
  ['^ 2', 25],
  ['== 5', true],
  ['!= 5', false],
  ['< 9', true],
  ['<= 5', true],
  ['> 1', true],
  ['>= 5', true],
] as const;
// For each key: [expression, item without an own key, item with it, result for the own value].
const casesFor = (k: string): Case[] => [
  [k, k, { x: 1 }, { [k]: 5 }, 5],
  [`a.${k}`, k, { a: { x: 1 } }, { a: { [k]: 5 } }, 5],
  [`${k}.v`, k, { x: 1 }, { [k]: { v: 5 } }, 5],
  [`a.b.${k}`, k, { a: { b: { x: 1 } } }, { a: { b: { [k]: 5 } } }, 5],
  [`a.${k}.c`, k, { a: { x: 1 } }, { a: { [k]: { c: 5 } } }, 5],
  ...OPS.map(([op, want]): Case => [`${k} ${op}`, k, { x: 1 }, { [k]: 5 }, want]),
  [`str(${k})`, k, { x: 1 }, { [k]: 5 }, '5'],
  // Arrays: the inherited key is on Array.prototype's chain.
  [k, k, array({}), array({ [k]: 5 }), 5],
  [`${k} * 2`, k, array({}), array({ [k]: 5 }), 10],
  [`a.${k}`, k, { a: [1] }, { a: array({ [k]: 5 }) }, 5],
  [`a.b.${k}`, k, { a: { b: [1] } }, { a: { b: array({ [k]: 5 }) } }, 5],
];
// pz before qz at every site, so pz claims each site's fast path.
const CASES: Case[] = casesFor('pz').flatMap((c, i) => [c, casesFor('qz')[i]!]);
// What the key reads as when the item lacks it (not null for `!=`, `+ "!"` and `str`).
const missing = (src: string) => compileOrThrow(src).evaluate({});

describe.each(Object.entries(protos))('with a key polluted on %s', (_name, proto) => {
  it.each(CASES)('%s reads own data only', (src, key, without, withOwn, own) => {
    const f = warmed(src, withOwn);
    const absent = missing(src);
    // Polluted with the very value the own field holds, and with an object, so a leak shows.
    for (const polluted of [5, { v: 5, c: 5 }, 'x']) {
      withPolluted(proto, key, polluted, () => {
        expect(f(without)).toEqual(absent);
        expect(f(withOwn)).toEqual(own);
      });
    }
    expect(f(without)).toEqual(absent);
    expect(f(withOwn)).toEqual(own);
  });
});

describe('forBatch', () => {
  it('hands out the plain-load evaluator only while no key it reads is inheritable', () => {
    const { forBatch } = compileOrThrow('pz * 2 + a.qz');
    const fast = forBatch();
    expect(forBatch()).toBe(fast);
    for (const [proto, key] of [
      [Object.prototype, 'pz'],
      [Array.prototype, 'qz'],
    ] as const) {
      withPolluted(proto, key, 5, () => {
        expect(inheritable(key)).toBe(true);
        const exact = forBatch();
        expect(exact).not.toBe(fast);
        // Inherited values never read as data: pz is missing, so the sum is null.
        expect(exact({ a: { qz: 1 } })).toBeNull();
        expect(exact({ pz: 1, a: Object.assign([], { qz: 1 }) })).toBe(3);
      });
      expect(forBatch()).toBe(fast);
    }
    expect(fast({ pz: 1, a: { qz: 1 } })).toBe(3);
  });

  it('keys already on a prototype (toString, length) always get own-property tests', () => {
    const { forBatch, evaluate } = compileOrThrow('length');
    expect(forBatch()({ x: 1 })).toBeNull();
    expect(forBatch()([1, 2] as unknown as Item)).toBe(2);
    expect(evaluate({ length: 7 })).toBe(7);
    expect(compileOrThrow('toString').forBatch()({})).toBeNull();
  });
});

describe('own-field reads', () => {
  it('reads a null-prototype item and nested null-prototype objects', () => {
    const inner = Object.assign(Object.create(null), { v: 2, toString: 'own' });
    const item = Object.assign(Object.create(null), { value: 21, toString: 's', a: inner, l: 'E' });
    expect(compileOrThrow('value').evaluate(item)).toBe(21);
    expect(compileOrThrow('value * 2').evaluate(item)).toBe(42);
    expect(compileOrThrow('value > 20').evaluate(item)).toBe(true);
    expect(compileOrThrow('l == "E"').evaluate(item)).toBe(true);
    expect(compileOrThrow('lower(l)').evaluate(item)).toBe('e');
    expect(compileOrThrow('toString').evaluate(item)).toBe('s');
    expect(compileOrThrow('a.v').evaluate(item)).toBe(2);
    expect(compileOrThrow('a.toString').evaluate(item)).toBe('own');
    expect(compileOrThrow('a.missing').evaluate(item)).toBeNull();
    expect(compileOrThrow('item.a.v').forBatch()(item)).toBe(2);
  });

  it('reads own data that shadows an Object.prototype member, and null without it', () => {
    const item = { toString: 'own', valueOf: 3, nested: { hasOwnProperty: 1 } };
    expect(compileOrThrow('toString').evaluate(item)).toBe('own');
    expect(compileOrThrow('valueOf * 2').evaluate(item)).toBe(6);
    expect(compileOrThrow('nested.hasOwnProperty').evaluate(item)).toBe(1);
    expect(compileOrThrow('toString').evaluate({})).toBeNull();
    expect(compileOrThrow('valueOf * 2').evaluate({})).toBeNull();
    expect(compileOrThrow('nested.isPrototypeOf').evaluate(item)).toBeNull();
  });

  it('never runs a getter defined on Object.prototype', () => {
    let calls = 0;
    for (const key of KEYS) {
      Object.defineProperty(Object.prototype, key, {
        configurable: true,
        get() {
          calls++;
          return 'leak';
        },
      });
    }
    try {
      for (const [src, , without] of CASES) expect(compileOrThrow(src).evaluate(without)).not.toBe('leak');
    } finally {
      for (const key of KEYS) delete (Object.prototype as Keyed)[key];
    }
    expect(calls).toBe(0);
  });

  it('inheritable: keys found on Object.prototype or Array.prototype', () => {
    expect(inheritable('value')).toBe(false);
    expect(inheritable('toString')).toBe(true);
    expect(inheritable('map')).toBe(true); // Array.prototype.map
    expect(inheritable('length')).toBe(true); // Array.prototype is an array
    expect(inheritable(0)).toBe(false);
  });
});
