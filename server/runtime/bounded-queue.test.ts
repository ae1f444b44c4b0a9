import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue.js';

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('BoundedQueue', () => {
  it('block: takes only what fits and reports it, so the producer can wait for the rest', () => {
    const q = new BoundedQueue<number>('e', 4, 'block');
    expect(q.offer(range(0, 6), 0)).toBe(4);
    expect(q.size).toBe(4);
    expect(q.room()).toBe(0);
    expect(q.take(3)).toEqual([0, 1, 2]);
    expect(q.offer([4, 5], 1)).toBe(2);
    expect(q.take(10)).toEqual([3]);
    expect(q.take(10)).toEqual([4, 5]);
    expect(q.take(10)).toBeUndefined();
    expect(q.dropped).toBe(0);
  });

  it('drop-newest discards arrivals; drop-oldest evicts the head; both count', () => {
    const newest = new BoundedQueue<number>('e', 3, 'drop-newest');
    newest.offer([1, 2], 0);
    expect(newest.offer([3, 4, 5], 0)).toBe(3);
    expect(newest.take(10)).toEqual([1, 2]);
    expect(newest.take(10)).toEqual([3]);
    expect(newest.dropped).toBe(2);

    const oldest = new BoundedQueue<number>('e', 3, 'drop-oldest');
    oldest.offer([1, 2], 0);
    oldest.offer([3, 4, 5, 6, 7], 0);
    expect([...(oldest.take(10) ?? [])]).toEqual([5, 6, 7]);
    expect(oldest.dropped).toBe(4);
  });

  it('capacity 0 is a rendezvous: a put only completes into a waiting consumer’s demand', () => {
    const q = new BoundedQueue<number>('e', 0, 'block');
    expect(q.offer([1], 0)).toBe(0);
    q.demand = 1;
    expect(q.offer([1, 2], 0)).toBe(1);
    expect(q.take(5)).toEqual([1]);
  });

  it('wakes a waiting producer when room appears, and passes whole batches without copying', () => {
    const q = new BoundedQueue<number>('e', 2, 'block');
    const batch = [1, 2];
    q.offer(batch, 0);
    let woke = false;
    q.onRoom(() => {
      woke = true;
    });
    expect(q.take(5)).toBe(batch);
    expect(woke).toBe(true);
  });

  it('shrinking a full blocking queue keeps its items; drop-oldest evicts and counts them', () => {
    const q = new BoundedQueue<number>('e', 8, 'block');
    q.offer(range(0, 8), 0);
    q.resize(2, 'block');
    expect(q.size).toBe(8);
    expect(q.offer([9], 0)).toBe(0);
    q.resize(2, 'drop-oldest');
    expect(q.size).toBe(2);
    expect(q.dropped).toBe(6);
    expect(q.take(5)).toEqual([6, 7]);
  });

  it('property: depth never exceeds capacity, FIFO order holds, and offered = taken + queued + dropped', () => {
    const op = fc.oneof(
      fc.record({ offer: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ take: fc.integer({ min: 1, max: 40 }) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32 }),
        fc.constantFrom('block', 'drop-newest', 'drop-oldest' as const),
        fc.array(op, { maxLength: 200 }),
        (capacity, overflow, ops) => {
          const q = new BoundedQueue<number>('e', capacity, overflow);
          let next = 0;
          let offered = 0;
          const taken: number[] = [];
          for (const o of ops) {
            if ('offer' in o) {
              const batch = range(next, o.offer);
              const consumed = q.offer(batch, 0);
              next += consumed; // under block, the rest is offered again later with the same ids
              offered += consumed;
            } else {
              taken.push(...(q.take(o.take) ?? []));
            }
            expect(q.size).toBeLessThanOrEqual(capacity);
          }
          expect(offered).toBe(taken.length + q.size + q.dropped);
          for (let i = 1; i < taken.length; i++) expect(taken[i]!).toBeGreaterThan(taken[i - 1]!);
          if (overflow === 'block') expect(taken).toEqual(range(0, taken.length));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('BoundedQueue queue time', () => {
  it('sums the wait of the items taken with a time, whole batches and part batches alike', () => {
    const q = new BoundedQueue<number>('e', 8, 'block');
    q.offer([1, 2, 3], 10);
    q.offer([4], 12);
    expect(q.take(2, 15)).toEqual([1, 2]); // 2 × 5 ms
    expect(q.take(8, 16)).toEqual([3]); // 6 ms
    expect(q.take(8)).toEqual([4]); // no time given: not counted
    expect(q.waitMs).toBe(16);
    expect(q.waited).toBe(3);
  });
});
