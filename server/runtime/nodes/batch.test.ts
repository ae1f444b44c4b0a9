import { describe, expect, it } from 'vitest';
import { collector, contextFor } from '../test-helpers/node-context.js';
import { createBatch } from './batch.js';

const item = (id: number, ts = 1_000 + id) => ({ id, ts });

describe('batch', () => {
  it('emits every `size` items, with count and the first item’s ts', () => {
    const b = createBatch(contextFor('batch', { size: 3, maxWaitMs: 1000 }));
    const c = collector();
    b.process([item(0), item(1), item(2), item(3)], c.emit, 0, 0);
    expect(c.take()).toEqual([{ items: [item(0), item(1), item(2)], count: 3, ts: 1000 }]);
    b.process([item(4), item(5)], c.emit, 10, 0);
    expect(c.take()).toEqual([{ items: [item(3), item(4), item(5)], count: 3, ts: 1003 }]);
    expect(b.nextDeadline!()).toBe(Number.POSITIVE_INFINITY);
  });

  it('emits a partial batch maxWaitMs after its first item arrived (run clock), whatever came since', () => {
    // ARRANGE
    const b = createBatch(contextFor('batch', { size: 100, maxWaitMs: 250 }));
    const c = collector();
    // ACT — first item at 1000 ms, more at 1200 ms
    b.process([item(0)], c.emit, 1000, 0);
    b.process([item(1), item(2)], c.emit, 1200, 0);
    // ASSERT
    expect(b.nextDeadline!()).toBe(1250);
    expect(c.take()).toEqual([]);
    b.onDeadline!(c.emit, 1250, 0);
    expect(c.take()).toEqual([{ items: [item(0), item(1), item(2)], count: 3, ts: 1000 }]);
    expect(b.nextDeadline!()).toBe(Number.POSITIVE_INFINITY);
    // the next batch's clock starts at its own first item
    b.process([item(3)], c.emit, 1400, 0);
    expect(b.nextDeadline!()).toBe(1650);
  });

  it('emits the partial batch at the end of input, and nothing when empty', () => {
    const b = createBatch(contextFor('batch', { size: 10 }));
    const c = collector();
    b.finish!(c.emit, 0, 0);
    expect(c.take()).toEqual([]);
    b.process([item(0), item(1)], c.emit, 0, 0);
    b.finish!(c.emit, 5, 0);
    expect(c.take()).toEqual([{ items: [item(0), item(1)], count: 2, ts: 1000 }]);
  });

  it('live edit: new limits apply to the batch being filled', () => {
    const ctx = contextFor('batch', { size: 10, maxWaitMs: 1000 });
    const b = createBatch(ctx);
    const c = collector();
    b.process([item(0), item(1), item(2)], c.emit, 100, 0);
    b.update!({ ...ctx.params, maxWaitMs: 50 }, 120);
    expect(b.nextDeadline!()).toBe(150); // from the first item's arrival, not from the edit
    b.update!({ ...ctx.params, size: 2 }, 130);
    expect(b.nextDeadline!()).toBe(130); // already full: due now
    b.onDeadline!(c.emit, 130, 0);
    expect(c.take()[0]!.count).toBe(3);
  });
});
