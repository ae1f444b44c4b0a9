import { describe, expect, it } from 'vitest';
import { collector, contextFor } from '../test-helpers/node-context.js';
import { createFilter } from './filter.js';
import { createMap } from './map.js';

const items = () => [
  { id: 0, ts: 1000, key: 'k0', value: 3 },
  { id: 1, ts: 1001, key: 'k1', value: 4 },
];

describe('map', () => {
  it('emits new items with the field set to the expression, and leaves its input untouched', () => {
    // ARRANGE
    const map = createMap(contextFor('map', { expression: 'value * 2' }));
    const input = items();
    const before = structuredClone(input);
    const c = collector();
    // ACT
    map.process(Object.freeze(input.map((i) => Object.freeze(i))), c.emit, 0, 0);
    // ASSERT
    expect(c.take()).toEqual([
      { id: 0, ts: 1000, key: 'k0', value: 6 },
      { id: 1, ts: 1001, key: 'k1', value: 8 },
    ]);
    expect(input).toEqual(before);
  });

  it('adds a new field, keeping the others; a missing field reads as null', () => {
    const map = createMap(
      contextFor('map', { expression: 'upper(key) + ":" + coalesce(missing, "none")', field: 'label' }),
    );
    const c = collector();
    map.process(items(), c.emit, 0, 0);
    expect(c.take()).toEqual([
      { id: 0, ts: 1000, key: 'k0', value: 3, label: 'K0:none' },
      { id: 1, ts: 1001, key: 'k1', value: 4, label: 'K1:none' },
    ]);
  });

  it('copies an own `__proto__` data field as data, never as a prototype', () => {
    const map = createMap(contextFor('map', { expression: 'value + 1' }));
    const c = collector();
    const hostile = JSON.parse('{"value": 1, "__proto__": {"polluted": true}}') as Record<string, unknown>;
    map.process([hostile], c.emit, 0, 0);
    const [out] = c.take();
    expect(out!.value).toBe(2);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('refuses a field name that could reach a prototype', () => {
    expect(() => contextFor('map', { field: '__proto__' })).toThrow();
    expect(() => contextFor('map', { field: 'a.b' })).toThrow();
  });
});

describe('filter', () => {
  it('keeps exactly the items the expression holds truthy for, passing them as they are', () => {
    // ARRANGE
    const filter = createFilter(contextFor('filter', { expression: 'id % 2 == 0' }));
    const input = Array.from({ length: 10 }, (_, id) => ({ id, ts: 0 }));
    const c = collector();
    // ACT
    filter.process(input, c.emit, 0, 0);
    // ASSERT
    const out = c.take();
    expect(out.map((i) => i.id)).toEqual([0, 2, 4, 6, 8]);
    expect(out[1]).toBe(input[2]); // the same object: a filter never copies
  });

  it('uses the language’s truthiness: false, null, 0 and "" drop; anything else keeps', () => {
    const filter = createFilter(contextFor('filter', { expression: 'x' }));
    const c = collector();
    const xs = [false, null, 0, '', undefined, true, 1, 'no', [], {}];
    filter.process(
      xs.map((x, id) => ({ id, x })),
      c.emit,
      0,
      0,
    );
    expect(c.take().map((i) => i.id)).toEqual([5, 6, 7, 8, 9]);
  });

  it('owning its input, keeps the kept items in the batch array itself; otherwise never touches the batch', () => {
    // ARRANGE
    const ctx = contextFor('filter', { expression: 'id % 3 == 0' });
    const owning = createFilter({ ...ctx, ownsInput: true });
    const shared = createFilter({ ...ctx, ownsInput: false });
    const batch = () => Array.from({ length: 10 }, (_, id) => ({ id }));
    // ACT
    const mine = batch();
    const outMine = owning.processBatch!(mine);
    const theirs = Object.freeze(batch());
    const outTheirs = shared.processBatch!(theirs);
    // ASSERT: the same result both ways; only the owned array was reused (and shortened)
    expect(outMine.map((i) => i.id)).toEqual([0, 3, 6, 9]);
    expect(outTheirs.map((i) => i.id)).toEqual([0, 3, 6, 9]);
    expect(outMine).toBe(mine);
    expect(mine).toHaveLength(4);
    expect(outTheirs).not.toBe(theirs);
    expect(theirs).toHaveLength(10);
  });

  it('a prototype polluted between batches never reads as item data in the next batch', () => {
    // ARRANGE: warm both nodes on clean batches, so their per-batch evaluators run optimised
    const proto = Object.prototype as Record<string, unknown>;
    const filter = createFilter({ ...contextFor('filter', { expression: 'pz == 5' }), ownsInput: true });
    const map = createMap({ ...contextFor('map', { expression: 'pz * 2' }), ownsInput: true });
    const batch = () => [{ id: 0 }, { id: 1, pz: 5 }];
    for (let i = 0; i < 5_000; i++) {
      filter.processBatch!(batch());
      map.processBatch!(batch());
    }
    try {
      // ACT
      proto.pz = 5;
      const kept = filter.processBatch!(batch());
      const mapped = map.processBatch!(batch());
      // ASSERT: only the item with its own pz counts; the other reads pz as missing
      expect(kept.map((i) => i.id)).toEqual([1]);
      expect(mapped.map((i) => i.value)).toEqual([null, 10]);
    } finally {
      delete proto.pz;
    }
    expect(filter.processBatch!(batch()).map((i) => i.id)).toEqual([1]);
  });

  it('default expression `true` keeps everything', () => {
    const filter = createFilter(contextFor('filter'));
    const c = collector();
    filter.process(items(), c.emit, 0, 0);
    expect(c.take()).toHaveLength(2);
  });
});
