import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { compileOrThrow } from './compile-expression.js';
import type { Item } from './compiled.js';

// A map's whole-batch loop (`assignForBatch`) must give every item exactly what `evaluate` gives
// it, for every value data can hold; and it must never be handed out while the key it reads with
// a plain load is inheritable. Both for the keyed loops (`v`, any key) and for the named ones the
// item's own fields have (`id`, `ts`, `key`, `value`: named-kernels.ts).

const OPS = ['+', '-', '*', '/', '%', '^'] as const;
const CONSTANTS = [0, 1, 2, -3, 0.5, 1e300, -0, 7, 1024];

/** What data can hold, the awkward values first. */
const anyValue = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
    2 ** 31,
    -(2 ** 31) - 1,
  ),
  fc.constantFrom(null, undefined, true, false, '', 'text', '12', () => 1, Symbol('s'), 10n),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constant([1, 2]),
  fc.constant({ nested: 1 }),
);

/** The item's own fields (named loops) and a field of no contract (`v`, keyed loops). */
const NAMED = ['id', 'ts', 'key', 'value'] as const;
const KEYS = ['v', ...NAMED];

/**
 * An item with or without each key, plus another field the expressions never read; or an item
 * as the generator makes them (every named field, numbers and a string), odd values in one.
 */
const anyItem: fc.Arbitrary<Item> = fc.oneof(
  fc.record(
    { v: anyValue, id: anyValue, ts: anyValue, key: anyValue, value: anyValue, other: anyValue },
    { requiredKeys: ['other'] },
  ),
  fc
    .record({ id: fc.nat(), ts: fc.double(), key: fc.constantFrom('k0', 'k1'), value: fc.nat(999) })
    .chain((it) =>
      fc.record({ field: fc.constantFrom(...KEYS), odd: anyValue }).map((o) => ({ ...it, [o.field]: o.odd })),
    ),
);

const sourcesOf = (k: string, constants: readonly number[]) => [
  k,
  ...OPS.flatMap((op) => constants.map((c) => `${k} ${op} ${c}`)),
];
/** Every operator on every key; all the constants on `v`, the awkward ones on the named fields. */
const SOURCES = KEYS.flatMap((k) => sourcesOf(k, k === 'v' ? CONSTANTS : [0, 2, -3, 0.5, 1e300, -0]));
/** Written to: a new field, the field a named loop writes, another named field. */
const TARGETS = ['out', 'value', 'id'];

function kernelOf(source: string, field = 'out') {
  const compiled = compileOrThrow(source);
  const assign = compiled.assignForBatch(field);
  if (assign === undefined) throw new Error(`${source} has no kernel`);
  return { compiled, assign };
}

const PROTOS: Array<Record<string, unknown>> = [Object.prototype, Array.prototype] as never[];

afterEach(() => {
  for (const proto of PROTOS) for (const k of KEYS) delete proto[k];
});

describe('assign kernels', () => {
  it('give each item what evaluate gives it, for every shape, key, target and any data', () => {
    for (const field of TARGETS)
      for (const source of SOURCES) {
        const { compiled, assign } = kernelOf(source, field);
        fc.assert(
          fc.property(fc.array(anyItem, { maxLength: 40 }), (items) => {
            const want = items.map((it) => compiled.evaluate(it));
            const batch = items.map((it) => ({ ...it }));
            assign(batch);
            batch.forEach((it, i) => {
              expect(Object.is(it[field], want[i]), `${source} into ${field} on ${String(items[i]!.v)}`).toBe(
                true,
              );
              // Only the target field is written.
              expect({ ...it, [field]: 0 }).toEqual({ ...items[i], [field]: 0 });
            });
          }),
          { numRuns: 25 },
        );
      }
  });

  it("are the named loops for the item's own fields into value, the keyed ones otherwise", () => {
    const shapeOf = (source: string) => compileOrThrow(source).assignForBatch;
    for (const k of NAMED) {
      const a = shapeOf(`${k} * 2`);
      // The keyed loop for one target is the same closure code for every key; the named ones differ.
      expect(a('value')).not.toBe(a('out'));
      expect(String(a('value'))).toContain(`it.${k}`);
      expect(String(a('out'))).toContain('it[k]');
    }
    expect(String(shapeOf('v * 2')('value'))).toContain('it[k]');
  });

  it('are not made for comparisons (a filter has its own loops)', () => {
    expect(compileOrThrow('v == 1').assignForBatch('out')).toBeUndefined();
    expect(compileOrThrow('value == 1').assignForBatch('value')).toBeUndefined();
  });

  it('write in place, also over the field they read', () => {
    for (const k of ['v', 'value']) {
      const { assign } = kernelOf(`${k} * 2`, k);
      const batch: Item[] = [{ [k]: 1 }, { [k]: 'x' }, {}];
      assign(batch);
      expect(batch).toEqual([{ [k]: 2 }, { [k]: null }, { [k]: null }]);
    }
  });

  it('exist only for a field and field-op-number; other shapes use the closures', () => {
    for (const k of KEYS)
      for (const field of TARGETS) {
        for (const source of [k, `${k} + 1`, `${k} ^ 2`, `${k} * -1.5`])
          expect(compileOrThrow(source).assignForBatch(field), source).toBeTypeOf('function');
        for (const source of [
          `2 * ${k}`,
          `${k}.w`,
          `${k} * w`,
          `-${k}`,
          `len(${k})`,
          `${k} * 2 + 1`,
          '7',
          `${k} * "a"`,
        ])
          expect(compileOrThrow(source).assignForBatch(field), source).toBeUndefined();
      }
  });

  it('are withheld while the key they read is inheritable, and handed out again after', () => {
    for (const k of KEYS)
      for (const field of TARGETS) {
        const { compiled, assign } = kernelOf(`${k} + 1`, field);
        for (const proto of PROTOS) {
          // Asked while the key is inherited, checked after (an inherited `value` breaks property
          // descriptors, which the assertions use).
          proto[k] = 41;
          const withheld = compiled.assignForBatch(field);
          // The closures the map falls back to read own data only: the key is missing, so null.
          const fallback = compiled.forBatch()({});
          delete proto[k];
          expect(withheld, k).toBeUndefined();
          expect(fallback).toBeNull();
          expect(compiled.assignForBatch(field)).toBe(assign);
        }
      }
  });
});

const EQUAL_TO = ['null', 'true', 'false', '"text"', '""', '0', '1', '-3', '0.5', '12'];
const filtersOn = (v: string) => [
  v,
  ...EQUAL_TO.flatMap((c) => [`${v} == ${c}`, `${v} != ${c}`, `${c} == ${v}`]),
  ...['<', '<=', '>', '>='].flatMap((op) => [
    `${v} ${op} 0`,
    `${v} ${op} 2.5`,
    `${v} ${op} -1`,
    `3 ${op} ${v}`,
  ]),
  ...OPS.flatMap((op) =>
    ['0', '1', '"text"', 'null'].flatMap((c) => [`${v} ${op} 2 == ${c}`, `${v} ${op} 3 != ${c}`]),
  ),
];
/** Every filter shape, on `v` (keyed loops) and on each of the item's own fields (named loops). */
const FILTERS = KEYS.flatMap(filtersOn);

function keepOf(source: string) {
  const compiled = compileOrThrow(source);
  const keep = compiled.keepForBatch();
  if (keep === undefined) throw new Error(`${source} has no kernel`);
  return { compiled, keep };
}

const truthy = (v: unknown) => !(v === false || v === null || v === 0 || v === '');

describe('keep kernels', () => {
  it('keep exactly the items evaluate is truthy for, in order, for every shape and any data', () => {
    for (const source of FILTERS) {
      const { compiled, keep } = keepOf(source);
      fc.assert(
        fc.property(fc.array(anyItem, { maxLength: 40 }), (items) => {
          const want = items.filter((it) => truthy(compiled.evaluate(it)));
          // Into a new array, and in place over the batch itself (a filter that owns its input).
          const out: Item[] = [];
          expect(keep(items, out), source).toBe(want.length);
          expect(out).toEqual(want);
          const batch = [...items];
          const n = keep(batch, batch);
          expect(batch.slice(0, n)).toEqual(want);
        }),
        { numRuns: 25 },
      );
    }
  });

  it('exist for the commonest filter shapes only', () => {
    for (const k of KEYS)
      for (const source of [`${k} * 2 > 4`, `${k} < "m"`, `${k} == w`, `${k} == 1 and w`, `${k}.w == 1`])
        expect(compileOrThrow(source).keepForBatch(), source).toBeUndefined();
  });

  it("are the named loops on the item's own fields", () => {
    for (const k of NAMED) expect(String(keepOf(`${k} % 2 == 0`).keep)).toContain(`it.${k}`);
    expect(String(keepOf('v % 2 == 0').keep)).toContain('it[k]');
  });

  it('are withheld while the key they read is inheritable', () => {
    for (const k of KEYS) {
      const { compiled, keep } = keepOf(`${k} % 2 == 0`);
      for (const proto of PROTOS) {
        proto[k] = 4;
        const withheld = compiled.keepForBatch();
        const fallback = compiled.forBatch()({});
        delete proto[k];
        expect(withheld, k).toBeUndefined();
        expect(fallback).toBe(false);
        expect(compiled.keepForBatch()).toBe(keep);
      }
    }
  });
});
