import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../shared/expr/index.js';
import { collector, contextFor } from '../test-helpers/node-context.js';
import { createPartition, partitionOf } from './partition.js';
import { createRoundRobin } from './round-robin.js';

describe('partition', () => {
  it('sends an item to out{hash(key) mod n}: the same key always to the same output, whatever the batching', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 7 }),
        (items, n, cut) => {
          const node = createPartition(contextFor('partition', { outputs: n }));
          const c = collector();
          for (let i = 0; i < items.length; i += cut) node.process(items.slice(i, i + cut), c.emit, 0, 0);
          const portOfKey = new Map<unknown, string>();
          for (const [port, got] of Object.entries(c.out)) {
            for (const item of got) {
              expect(portOfKey.get(item.key) ?? port).toBe(port);
              portOfKey.set(item.key, port);
              expect(port).toBe(`out${partitionOf(item.key, n)}`);
            }
          }
          expect(Object.values(c.out).flat()).toHaveLength(items.length);
        },
      ),
    );
  });

  it('agrees with the expression `hash(key) % n` (FNV-1a 32, the same on every machine)', () => {
    const hashMod = compileExpression('hash(key) % 4');
    if (!hashMod.ok) throw new Error('bad test expression');
    for (const key of ['a', 'k0', 'k1', 'ü', 42, null]) {
      expect(partitionOf(key, 4)).toBe(hashMod.evaluate({ key }));
    }
    expect(partitionOf('a', 2 ** 31)).toBe(3826002220 % 2 ** 31); // fnv1a32('a') = 0xe40c292c
  });

  it('keys by any expression', () => {
    const node = createPartition(contextFor('partition', { key: 'id % 3', outputs: 3 }));
    const c = collector();
    node.process(
      Array.from({ length: 9 }, (_, id) => ({ id })),
      c.emit,
      0,
      0,
    );
    const ids = (port: string) => (c.out[port] ?? []).map((i) => i.id);
    // hash("0") % 3, hash("1") % 3, hash("2") % 3 decide the ports; each residue stays together.
    for (const r of [0, 1, 2])
      expect(ids(`out${partitionOf(r, 3)}`)).toEqual(expect.arrayContaining([r, r + 3, r + 6]));
  });
});

describe('round-robin', () => {
  it('deals items in turn across batches: exact equal shares, in order', () => {
    // ARRANGE
    const node = createRoundRobin(contextFor('round-robin', { outputs: 3 }));
    const c = collector();
    const items = Array.from({ length: 3001 }, (_, id) => ({ id }));
    // ACT — uneven batches, so the turn must carry over between them
    for (let i = 0; i < items.length; i += 7) node.process(items.slice(i, i + 7), c.emit, 0, 0);
    // ASSERT
    expect([c.out.out0!.length, c.out.out1!.length, c.out.out2!.length]).toEqual([1001, 1000, 1000]);
    expect(c.out.out1!.slice(0, 3).map((i) => i.id)).toEqual([1, 4, 7]);
    expect(c.out.out2!.every((i) => (i.id as number) % 3 === 2)).toBe(true);
  });
});
