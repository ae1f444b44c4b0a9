import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue.js';
import { startRun } from './start-run.js';
import { planOf } from './test-graphs.js';
import { FakeClock } from './test-helpers/fake-clock.js';
import { DropLedger } from './trace/drop-ledger.js';
import { traced } from './trace/traced-run.js';

describe('edge expireMs', () => {
  it('drops exactly the items older than expireMs when they reach the head, and counts them', () => {
    // ARRANGE: batches enqueued at 0, 40, 60 and 100 ms; items expire after 50 ms
    const q = new BoundedQueue<number>('e', 100, 'block');
    q.expireMs = 50;
    q.ledger = new DropLedger();
    q.offer([1, 2], 0);
    q.offer([3], 40);
    q.offer([4, 5], 60);
    q.offer([6], 100);
    // ACT: the consumer looks at 100 ms: [1, 2] waited 100 ms, [3] 60 ms, [4, 5] 40 ms
    const got = q.take(10, 100);
    // ASSERT
    expect(got).toEqual([4, 5]);
    expect(q.expired).toBe(3);
    expect(q.dropped).toBe(0);
    expect(q.size).toBe(1);
    expect(q.ledger.read(0).map((d) => [d.item, d.policy])).toEqual([
      [1, 'expired'],
      [2, 'expired'],
      [3, 'expired'],
    ]);
    // A part-taken head batch expires only its rest.
    q.offer([7, 8, 9], 100);
    expect(q.take(1, 120)).toEqual([6]);
    expect(q.take(1, 130)).toEqual([7]);
    expect(q.take(5, 151)).toBeUndefined();
    expect(q.expired).toBe(5);
    expect(q.size).toBe(0);
    expect(q.inCount).toBe(q.outCount + q.expired);
  });

  it('an edge without expireMs never expires, however old its items', () => {
    const q = new BoundedQueue<number>('e', 4, 'block');
    q.offer([1, 2], 0);
    expect(q.take(10, 1e9)).toEqual([1, 2]);
    expect(q.expired).toBe(0);
  });

  it('expiry that empties a full queue wakes a blocked producer', () => {
    const q = new BoundedQueue<number>('e', 2, 'block');
    q.expireMs = 10;
    q.offer([1, 2], 0);
    let woken = 0;
    q.onRoom(() => woken++);
    expect(q.take(1, 20)).toBeUndefined();
    expect(woken).toBe(1);
    expect(q.room()).toBe(2);
  });

  it('in a run nothing vanishes uncounted: emitted = delivered + dropped + expired', async () => {
    //   src(2000/s, 1000 items) ──[e1: 200, block, expireMs 30]──▶ slow(2 ms) ──▶ out
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 2000, count: 1000 }],
          ['slow', 'worker', { serviceTimeMs: 2 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 200, expireMs: 30 }],
          ['slow', 'out'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 10 },
    );
    const { status, totals } = await clock.runUntil(run.done, 60_000);
    expect(status).toBe('completed');
    const f = run.latestFrame()!;
    // A 200-deep queue drained at 500/s holds items ~400 ms: most expire.
    expect(totals.expired).toBeGreaterThan(300);
    expect(f.edges.e1!.expired).toBe(totals.expired);
    expect(f.edges.e2!.expired).toBeUndefined();
    expect(totals.emitted).toBe(1000);
    expect(totals.delivered + totals.dropped + totals.expired!).toBe(1000);
    expect(totals.queued).toBeUndefined();
  });

  it('a live edit turns expiry on and off', async () => {
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 2000 }],
          ['slow', 'worker', { serviceTimeMs: 2 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 200 }],
          ['slow', 'out'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 10 },
    );
    await clock.advanceTo(1000);
    expect(run.totals().expired).toBeUndefined();
    run.updateEdge('e1', 200, 'block', 20);
    await clock.advanceTo(2000);
    const on = run.totals().expired!;
    expect(on).toBeGreaterThan(0);
    run.updateEdge('e1', 200, 'block', 0);
    await clock.advanceTo(2100);
    const settled = run.totals().expired!;
    await clock.advanceTo(3000);
    expect(run.totals().expired).toBe(settled);
    // Drained, not aborted: an abort leaves the item in service in no count (nor queue).
    run.stop('drain');
    const { totals } = await clock.runUntil(run.done, 10_000);
    expect(totals.emitted).toBe(totals.delivered + totals.dropped + totals.expired!);
  });

  it('a traced item that expires ends with a dropped hop, reason expired', async () => {
    //   src(2000/s) ──[e1: 64, block, expireMs 5]──▶ work(2 ms) ──▶ out
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: 2000 }],
          ['work', 'worker', { serviceTimeMs: 2 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work', { capacity: 64, expireMs: 5 }],
          ['work', 'out'],
        ],
      ),
    );
    await t.clock.advanceTo(300);
    t.run.trace({ nodeId: 'src', ids: ['a'] });
    await t.clock.advanceTo(800);
    t.run.stop('abort');
    await t.clock.runUntil(t.run.done, 10_000);
    expect(t.events('a')).toEqual(['enqueued e1', 'dropped e1']);
    expect(t.hops.get('a')!.at(-1)!.reason).toBe('expired');
  });
});
