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

  it('write in place, also over the field they read', () => {
    const { assign } = kernelOf('v * 2');
    const batch: Item[] = [{ v: 1 }, { v: 'x' }, {}];
    assign(batch, 'v');
    expect(batch).toEqual([{ v: 2 }, { v: null }, { v: null }]);
  });

  it('exist only for a field and field-op-number; other shapes use the closures', () => {
    for (const source of ['v', 'v + 1', 'v ^ 2', 'v * -1.5'])
      expect(compileOrThrow(source).assignForBatch(), source).toBeTypeOf('function');
    for (const source of ['2 * v', 'v.w', 'v * w', 'v == 1', '-v', 'len(v)', 'v * 2 + 1', '7', 'v * "a"'])
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
