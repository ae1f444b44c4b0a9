import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item } from '../node-behavior.js';
import { collector, contextFor } from '../test-helpers/node-context.js';
import { createWindow } from './window.js';
import { percentile } from './window-aggregate.js';

const at = (ts: number, value: unknown, key?: string): Item =>
  key === undefined ? { ts, value } : { ts, value, key };

/** Feeds items (one batch by default) then ends the input; returns what came out, per port. */
function run(params: Record<string, unknown>, batches: Item[][]) {
  const w = createWindow(contextFor('window', params));
  const c = collector();
  for (const b of batches) w.process(b, c.emit, 0, 99_999);
  const beforeFinish = (c.out.out ?? []).length;
  w.finish!(c.emit, 0, 99_999);
  return { w, out: c.out.out ?? [], late: c.out.late ?? [], beforeFinish };
}

const win = (key: unknown, windowStart: number, windowEnd: number, values: number[], ts: number) => {
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    key,
    windowStart,
    windowEnd,
    count: values.length,
    sum,
    avg: sum / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    p95: percentile(values, 95),
    ts,
  };
};

describe('window: tumbling', () => {
  it('aggregates count, sum, avg, min, max and p95 per window, firing when event time passes the end', () => {
    // ARRANGE — windows [0,1000) [1000,2000) [2000,3000) [3000,4000)
    const items = [at(100, 1), at(200, 5), at(900, 3), at(1000, 10), at(1500, 2), at(2999, 4), at(3000, 7)];
    // ACT
    const { out, beforeFinish } = run({ type: 'tumbling', sizeMs: 1000 }, [items]);
    // ASSERT — hand-computed
    expect(out).toEqual([
      {
        key: null,
        windowStart: 0,
        windowEnd: 1000,
        count: 3,
        sum: 9,
        avg: 3,
        min: 1,
        max: 5,
        p95: 5,
        ts: 100,
      },
      {
        key: null,
        windowStart: 1000,
        windowEnd: 2000,
        count: 2,
        sum: 12,
        avg: 6,
        min: 2,
        max: 10,
        p95: 10,
        ts: 1000,
      },
      {
        key: null,
        windowStart: 2000,
        windowEnd: 3000,
        count: 1,
        sum: 4,
        avg: 4,
        min: 4,
        max: 4,
        p95: 4,
        ts: 2999,
      },
      {
        key: null,
        windowStart: 3000,
        windowEnd: 4000,
        count: 1,
        sum: 7,
        avg: 7,
        min: 7,
        max: 7,
        p95: 7,
        ts: 3000,
      },
    ]);
    expect(beforeFinish).toBe(3); // the last window only closes at the end of input
  });

  it('p95 is the nearest rank: 19 of 1…20, 95 of 1…100', () => {
    expect(
      percentile(
        [...Array(20).keys()].map((i) => 20 - i),
        95,
      ),
    ).toBe(19);
    const { out } = run({}, [Array.from({ length: 100 }, (_, i) => at(i, 100 - i))]);
    expect(out[0]).toMatchObject({ count: 100, sum: 5050, min: 1, max: 100, p95: 95 });
  });

  it('keyed: a window per key, emitted by end, then start, then the order windows opened', () => {
    const items = [at(0, 1, 'b'), at(10, 2, 'a'), at(20, 3, 'b'), at(1100, 4, 'a'), at(2100, 5, 'c')];
    const { out } = run({ key: 'key' }, [items]);
    expect(out).toEqual([
      win('b', 0, 1000, [1, 3], 0),
      win('a', 0, 1000, [2], 10),
      win('a', 1000, 2000, [4], 1100),
      win('c', 2000, 3000, [5], 2100),
    ]);
  });

  it('counts every item; numeric aggregates only over numbers (null when there are none)', () => {
    const { out } = run({ field: 'latencyMs' }, [
      [{ ts: 1, latencyMs: 10 }, { ts: 2, latencyMs: 'slow' }, { ts: 3 }, { ts: 1001 }, { ts: 1002 }],
    ]);
    expect(out).toEqual([
      {
        key: null,
        windowStart: 0,
        windowEnd: 1000,
        count: 3,
        sum: 10,
        avg: 10,
        min: 10,
        max: 10,
        p95: 10,
        ts: 1,
      },
      {
        key: null,
        windowStart: 1000,
        windowEnd: 2000,
        count: 2,
        sum: null,
        avg: null,
        min: null,
        max: null,
        p95: null,
        ts: 1001,
      },
    ]);
  });
});

describe('window: sliding', () => {
  it('puts each item in sizeMs / slideMs windows', () => {
    // ARRANGE — size 1000, slide 500: windows start at every multiple of 500
    const items = [at(100, 1), at(600, 2), at(1100, 3), at(1600, 4)];
    // ACT
    const { out, beforeFinish } = run({ type: 'sliding', sizeMs: 1000, slideMs: 500 }, [items]);
    // ASSERT
    expect(out).toEqual([
      win(null, -500, 500, [1], 100),
      win(null, 0, 1000, [1, 2], 100),
      win(null, 500, 1500, [2, 3], 600),
      win(null, 1000, 2000, [3, 4], 1100),
      win(null, 1500, 2500, [4], 1600),
    ]);
    expect(beforeFinish).toBe(3);
  });
});

describe('window: session', () => {
  it('closes a key’s session after gapMs without items for that key', () => {
    // ARRANGE — gap 1000: a@0,500,1400 is one session; a@3000 starts another
    const items = [
      at(0, 1, 'a'),
      at(500, 2, 'a'),
      at(700, 9, 'b'),
      at(1400, 3, 'a'),
      at(3000, 4, 'a'),
      at(3500, 5, 'b'),
    ];
    // ACT
    const { out, beforeFinish } = run({ type: 'session', gapMs: 1000, key: 'key' }, [items]);
    // ASSERT — windowEnd = last item + gap
    expect(out).toEqual([
      win('b', 700, 1700, [9], 700),
      win('a', 0, 2400, [1, 2, 3], 0),
      win('a', 3000, 4000, [4], 3000),
      win('b', 3500, 4500, [5], 3500),
    ]);
    expect(beforeFinish).toBe(2);
  });

  it('an item between two sessions bridges them into one', () => {
    const items = [at(0, 1), at(1800, 2), at(900, 3)];
    const { out, w } = run({ type: 'session', gapMs: 1000, allowedLatenessMs: 5000 }, [items]);
    expect(out).toEqual([win(null, 0, 2800, [1, 2, 3], 0)]);
    expect(w.openWindows).toBe(0);
  });
});

describe('window: lateness', () => {
  it('with no allowed lateness, an item whose window has closed goes out of `late`, counted as late (not an error)', () => {
    // ARRANGE — 1500 closes [0,1000); 900 is then late; 1200 is out of order but its window is open
    const items = [at(500, 1), at(1500, 2), at(900, 3), at(1200, 4)];
    // ACT
    const { out, late, w } = run({}, [items]);
    // ASSERT
    expect(out).toEqual([win(null, 0, 1000, [1], 500), win(null, 1000, 2000, [2, 4], 1200)]);
    expect(late).toEqual([items[2]]);
    expect(late[0]).toBe(items[2]); // unchanged, the same object
    expect([w.late, w.dropped]).toEqual([1, 0]);
  });

  it('with the `late` port leading nowhere, a late item is dropped and counted as dropped', () => {
    const w = createWindow({ ...contextFor('window', {}), connectedOutputs: new Set(['out']) });
    const c = collector();
    w.process([at(500, 1), at(1500, 2), at(900, 3)], c.emit, 0, 99_999);
    expect(c.out.late).toBeUndefined();
    expect([w.late, w.dropped]).toEqual([1, 1]);
  });

  it('allowedLatenessMs keeps a window open that long past its end (in event time)', () => {
    // 1400 → watermark 900: [0,1000) still open, so 900 counts; 1600 → 1100 closes it; 950 is late
    const items = [at(500, 1), at(1400, 2), at(900, 3), at(1600, 4), at(950, 5)];
    const { out, late } = run({ allowedLatenessMs: 500 }, [items]);
    expect(out).toEqual([win(null, 0, 1000, [1, 3], 500), win(null, 1000, 2000, [2, 4], 1400)]);
    expect(late.map((i) => i.value)).toEqual([5]);
  });

  it('sliding: an item still joins its windows that are open; it is late only when none are', () => {
    // 1600 closes [0,1000) and [500,1500); 1100 still joins [1000,2000); 400 is late
    const items = [at(100, 1), at(1600, 2), at(1100, 3), at(400, 4)];
    const { out, late } = run({ type: 'sliding', sizeMs: 1000, slideMs: 500 }, [items]);
    expect(out.map((o) => [o.windowStart, o.count])).toEqual([
      [-500, 1],
      [0, 1],
      [1000, 2],
      [1500, 1],
    ]);
    expect(late.map((i) => i.value)).toEqual([4]);
  });

  it('session: a late item is one that would only make a session already closed', () => {
    const items = [at(0, 1), at(2500, 2), at(1400, 3), at(2000, 4)];
    // 2500 closes [0,1000); 1400's own session [1400,2400) ends before the watermark: late;
    // 2000 joins the open session [2500,3500), which becomes [2000,3500)
    const { out, late } = run({ type: 'session', gapMs: 1000 }, [items]);
    expect(out).toEqual([win(null, 0, 1000, [1], 0), win(null, 2000, 3500, [2, 4], 2000)]);
    expect(late.map((i) => i.value)).toEqual([3]);
  });
});

describe('window: bounds', () => {
  it('at most maxKeys windows open: an item that would open one more is dropped and counted', () => {
    // ARRANGE — maxKeys 2: keys a and b fill it in [0,1000); c is dropped there, but fits once they close
    const items = [at(1, 1, 'a'), at(2, 2, 'b'), at(3, 3, 'c'), at(4, 4, 'a'), at(1001, 5, 'c')];
    // ACT
    const { out, w } = run({ key: 'key', maxKeys: 2 }, [items]);
    // ASSERT
    expect(out).toEqual([
      win('a', 0, 1000, [1, 4], 1),
      win('b', 0, 1000, [2], 2),
      win('c', 1000, 2000, [5], 1001),
    ]);
    expect([w.overflow, w.dropped]).toEqual([1, 1]);
  });

  it('p95 over more values than p95Samples comes from a bounded uniform sample; the rest stays exact', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => at(i % 1000, (i * 7919) % 10_000));
    const { out } = run({ p95Samples: 200 }, [items]);
    expect(out[0]).toMatchObject({ count: 10_000, sum: 49_995_000, min: 0, max: 9_999 });
    expect(out[0]!.p95 as number).toBeGreaterThan(9_000); // the exact answer is 9_499
    expect(out[0]!.p95 as number).toBeLessThan(9_900);
  });

  it('an item without a numeric ts is placed at its arrival (wall) time', () => {
    const { out } = run({}, [[{ value: 1 }]]);
    expect(out[0]).toMatchObject({ windowStart: 99_000, windowEnd: 100_000, ts: 99_999 });
  });
});

describe('window: results depend only on the order of items, not on batching', () => {
  it.each(['tumbling', 'sliding', 'session'] as const)('%s', (type) => {
    const item = fc.record({
      dt: fc.integer({ min: -700, max: 900 }),
      key: fc.constantFrom('a', 'b', 'c'),
      value: fc.integer({ min: -50, max: 50 }),
    });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 80 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 800 }),
        (raw, cut, lateness) => {
          let t = 10_000;
          const items = raw.map((r) => {
            t = Math.max(0, t + r.dt);
            return at(t, r.value, r.key);
          });
          const params = {
            type,
            sizeMs: 1000,
            slideMs: 250,
            gapMs: 400,
            key: 'key',
            allowedLatenessMs: lateness,
            maxKeys: 6,
          };
          const whole = run(params, [items]);
          const batches: Item[][] = [];
          for (let i = 0; i < items.length; i += cut) batches.push(items.slice(i, i + cut));
          const split = run(params, batches);
          expect(split.out).toEqual(whole.out);
          expect(split.late).toEqual(whole.late);
          expect(split.w.overflow).toBe(whole.w.overflow);
          // Nothing vanishes: every item is in a window, late, or dropped for room (tumbling and
          // session put an item in exactly one window).
          if (type !== 'sliding') {
            const counted = whole.out.reduce((s, o) => s + (o.count as number), 0);
            expect(counted + whole.w.late + whole.w.overflow).toBe(items.length);
          }
          expect(whole.w.openWindows).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
