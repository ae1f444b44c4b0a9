import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { compileOrThrow } from './compile-expression.js';
import type { Item } from './compiled.js';

// A map's whole-batch loop (`assignForBatch`) must give every item exactly what `evaluate` gives
// it, for every value data can hold; and it must never be handed out while the key it reads with
// a plain load is inheritable.

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

/** An item with or without `v`, plus another field the expressions never read. */
const anyItem: fc.Arbitrary<Item> = fc.record({ v: anyValue, other: anyValue }, { requiredKeys: ['other'] });

const SOURCES = ['v', ...OPS.flatMap((op) => CONSTANTS.map((c) => `v ${op} ${c}`))];

function kernelOf(source: string) {
  const compiled = compileOrThrow(source);
  const assign = compiled.assignForBatch();
  if (assign === undefined) throw new Error(`${source} has no kernel`);
  return { compiled, assign };
}

const PROTOS: Array<Record<string, unknown>> = [Object.prototype, Array.prototype] as never[];

afterEach(() => {
  for (const proto of PROTOS) delete proto.v;
});

describe('assign kernels', () => {
  it('give each item what evaluate gives it, for every shape and any data', () => {
    for (const source of SOURCES) {
      const { compiled, assign } = kernelOf(source);
      fc.assert(
        fc.property(fc.array(anyItem, { maxLength: 40 }), (items) => {
          const want = items.map((it) => compiled.evaluate(it));
          const batch = items.map((it) => ({ ...it }));
          assign(batch, 'out');
          batch.forEach((it, i) => {
            expect(Object.is(it.out, want[i]), `${source} on ${String(items[i]!.v)}`).toBe(true);
            // Only the target field is written.
            expect(it.v).toBe(items[i]!.v);
          });
        }),
        { numRuns: 60 },
      );
    }
  });

  it('are not made for comparisons (a filter has its own loops)', () => {
    expect(compileOrThrow('v == 1').assignForBatch()).toBeUndefined();
  });

  it('write in place, also over the field they read', () => {
    const { assign } = kernelOf('v * 2');
    const batch: Item[] = [{ v: 1 }, { v: 'x' }, {}];
    assign(batch, 'v');
    expect(batch).toEqual([{ v: 2 }, { v: null }, { v: null }]);
  });

  it('exist only for a field and field-op-number; other shapes use the closures', () => {
    for (const source of ['v', 'v + 1', 'v ^ 2', 'v * -1.5'])
      expect(compileOrThrow(source).assignForBatch(), source).toBeTypeOf('function');
    for (const source of ['2 * v', 'v.w', 'v * w', '-v', 'len(v)', 'v * 2 + 1', '7', 'v * "a"'])
      expect(compileOrThrow(source).assignForBatch(), source).toBeUndefined();
  });

  it('are withheld while the key they read is inheritable, and handed out again after', () => {
    const { compiled, assign } = kernelOf('v + 1');
    for (const proto of PROTOS) {
      proto.v = 41;
      expect(compiled.assignForBatch()).toBeUndefined();
      // The closures the map falls back to read own data only: v is missing, so null.
      expect(compiled.forBatch()({})).toBeNull();
      delete proto.v;
      expect(compiled.assignForBatch()).toBe(assign);
    }
  });
});

const EQUAL_TO = ['null', 'true', 'false', '"text"', '""', '0', '1', '-3', '0.5', '12'];
const FILTERS = [
  'v',
  ...EQUAL_TO.flatMap((c) => [`v == ${c}`, `v != ${c}`, `${c} == v`]),
  ...['<', '<=', '>', '>='].flatMap((op) => [`v ${op} 0`, `v ${op} 2.5`, `v ${op} -1`, `3 ${op} v`]),
  ...OPS.flatMap((op) =>
    ['0', '1', '"text"', 'null'].flatMap((c) => [`v ${op} 2 == ${c}`, `v ${op} 3 != ${c}`]),
  ),
];

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
        { numRuns: 40 },
      );
    }
  });

  it('exist for the commonest filter shapes only', () => {
    for (const source of ['v * 2 > 4', 'v < "m"', 'v == w', 'v == 1 and w', 'v.w == 1'])
      expect(compileOrThrow(source).keepForBatch(), source).toBeUndefined();
  });

  it('are withheld while the key they read is inheritable', () => {
    const { compiled, keep } = keepOf('v % 2 == 0');
    for (const proto of PROTOS) {
      proto.v = 4;
      expect(compiled.keepForBatch()).toBeUndefined();
      delete proto.v;
      expect(compiled.keepForBatch()).toBe(keep);
    }
  });
});
