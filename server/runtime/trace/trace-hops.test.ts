import { describe, expect, it } from 'vitest';
import { planOf } from '../test-graphs.js';
import { traced } from './traced-run.js';

/** src(2000/s) ──[e1: 64, block]──▶ work(2 ms, 1 lane) ──[e2]──▶ out */
const slowWorker = () =>
  planOf(
    [
      ['src', 'generator', { rate: 2000 }],
      ['work', 'worker', { serviceTimeMs: 2 }],
      ['out', 'counter'],
    ],
    [
      ['src', 'work', { capacity: 64 }],
      ['work', 'out'],
    ],
  );

describe('following an item', () => {
  it('waits depth on arrival × service time on a blocking single-lane edge into a constant worker', async () => {
    //   src(2000/s) ──[e1: 64, block]──▶ work(2 ms, 1 lane) ──[e2]──▶ out
    // ARRANGE: by 300 ms e1 is full and src blocked
    const t = traced(slowWorker());
    await t.clock.advanceTo(300);
    // ACT
    t.run.trace({ nodeId: 'src', ids: ['a'] });
    await t.clock.advanceTo(800);
    t.run.stop('abort');
    await t.clock.runUntil(t.run.done, 10_000);
    // ASSERT
    expect(t.done.has('a')).toBe(true);
    expect(t.events('a')).toEqual([
      'enqueued e1',
      'dequeued e1',
      'started @work',
      'finished @work',
      'enqueued e2',
      'dequeued e2',
      'delivered @out',
    ]);
    const [enq, deq, , fin, , , delivered] = t.hops.get('a')!;
    expect(enq!.depth).toBeGreaterThanOrEqual(60);
    // The one in service when it arrived is one more service time at most.
    expect(Math.abs(deq!.waitMs! - enq!.depth! * 2)).toBeLessThanOrEqual(2);
    expect(fin!.serviceMs).toBe(2);
    expect(delivered!.e2eMs).toBeGreaterThanOrEqual(deq!.waitMs! + 2);
  });

  it('keeps hops in time order when the thread stalls and a worker runs behind its schedule', async () => {
    //   src(2000/s) ──[e1: 64, block]──▶ work(2 ms, 1 lane) ──[e2]──▶ out
    // ARRANGE: the thread is held 30 ms in every 35 (a loaded machine), so the worker's schedule
    // lags the clock by up to 50 ms. A CI replay then drew no token: 'started' and 'finished' at
    // work were stamped 38 ms before the item was even dequeued.
    const t = traced(slowWorker());
    await t.clock.advanceTo(300);
    // ACT
    t.run.trace({ nodeId: 'src', ids: ['a', 'b', 'c'] });
    for (let i = 0; i < 40; i++) {
      t.clock.hold(30);
      await t.clock.advanceBy(5);
    }
    t.run.stop('abort');
    await t.clock.runUntil(t.run.done, 10_000);
    // ASSERT: each followed item went the whole way, every hop at or after the one before
    for (const id of ['a', 'b', 'c']) {
      expect(t.done.has(id)).toBe(true);
      expect(t.events(id)).toContain('delivered @out');
      const times = t.hops.get(id)!.map((h) => h.t);
      expect(times, `${id}: ${t.events(id).join(', ')}`).toEqual([...times].sort((x, y) => x - y));
    }
  });

  it('keeps the trace through map copies and filters, and a filter dropping it ends the trace', async () => {
    //   src(10 items) ──▶ dbl(map, copies: src broadcasts) ──▶ odd(filter) ──▶ out
    //              └──▶ tap(counter)
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: 1000, count: 10 }],
          ['dbl', 'map', { expression: 'value * 2' }],
          ['odd', 'filter', { expression: 'id % 2 == 1' }],
          ['out', 'counter'],
          ['tap', 'counter'],
        ],
        [
          ['src', 'dbl'],
          ['dbl', 'odd'],
          ['odd', 'out'],
          ['src', 'tap'],
        ],
      ),
    );
    // ACT: the first two items (ids 0 and 1) are followed
    t.run.trace({ nodeId: 'src', ids: ['even', 'odd'] });
    await t.clock.runUntil(t.run.done, 10_000);
    // ASSERT: id 1 reaches out through the copy dbl made (src broadcasts, so dbl may not write in
    // place); it forks at src and each branch is followed. Id 0 is filtered out at odd.
    expect(t.events('odd')).toEqual([
      'enqueued e1',
      'enqueued e4',
      'dequeued e1',
      'started @dbl',
      'finished @dbl',
      'enqueued e2',
      'dequeued e4',
      'delivered @tap',
      'dequeued e2',
      'started @odd',
      'finished @odd',
      'enqueued e3',
      'dequeued e3',
      'delivered @out',
    ]);
    expect(t.events('even')).toContain('dropped @odd');
    expect(t.hops.get('even')!.find((h) => h.event === 'dropped')!.reason).toBe('filtered');
    expect(t.events('even')).not.toContain('delivered @out');
    expect(t.done).toEqual(new Set(['even', 'odd']));
  });

  it('leaves the items node code and sinks see exactly as they are without tracing', async () => {
    const plan = () =>
      planOf(
        [
          ['src', 'generator', { rate: 1000, count: 300 }],
          ['dbl', 'map', { expression: 'value * 2' }],
          ['odd', 'filter', { expression: 'id % 3 != 1' }],
          ['b', 'batch', { size: 7, maxWaitMs: 50 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'dbl'],
          ['dbl', 'odd'],
          ['odd', 'b'],
          ['b', 'out'],
        ],
      );
    const plain = traced(plan());
    await plain.clock.runUntil(plain.run.done, 10_000);
    const followed = traced(plan());
    followed.run.trace({ nodeId: 'src', every: 10 });
    followed.run.trace({ nodeId: 'dbl', ids: ['x', 'y', 'z'] });
    await followed.clock.runUntil(followed.run.done, 10_000);
    expect(followed.done.size).toBeGreaterThan(10);
    expect(followed.sunk).toEqual(plain.sunk);
    expect(plain.sunk.length).toBeGreaterThan(0);
  });

  it('one in N: samples every Nth item as its own trace until told every: 0', async () => {
    //   src(1 000/s, 1 000 items) ──▶ out
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: 1000, count: 1000 }],
          ['out', 'counter'],
        ],
        [['src', 'out']],
      ),
    );
    t.run.trace({ nodeId: 'src', every: 10 });
    await t.clock.advanceTo(500);
    t.run.trace({ nodeId: 'src', every: 0 });
    await t.clock.runUntil(t.run.done, 10_000);
    // Items 10, 20, … made by 500 ms: 50 traces, each delivered.
    expect(t.done.size).toBe(50);
    for (const id of t.done) expect(t.events(id)).toEqual(['enqueued e1', 'dequeued e1', 'delivered @out']);
    const starts = [...t.done].map((id) => t.hops.get(id)![0]!.t);
    expect(starts).toEqual(Array.from({ length: 50 }, (_, k) => 10 * (k + 1)));
  });

  it('one in N keeps to a budget of 200 new traces a second however fast the node emits', async () => {
    //   src(10 000/s) ──▶ out        one in 10 would be 1 000 traces a second
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: 10_000 }],
          ['out', 'counter'],
        ],
        [['src', 'out']],
      ),
    );
    t.run.trace({ nodeId: 'src', every: 10 });
    await t.clock.advanceTo(1000);
    t.run.stop('abort');
    await t.clock.runUntil(t.run.done, 10_000);
    expect(t.done.size).toBeGreaterThanOrEqual(195);
    expect(t.done.size).toBeLessThanOrEqual(201);
  });
});
