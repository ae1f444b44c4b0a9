import { describe, expect, it } from 'vitest';
import { planOf } from '../test-graphs.js';
import { traced } from './traced-run.js';

const drive = async (t: ReturnType<typeof traced>) => {
  await t.clock.runUntil(t.run.done, 60_000);
};

describe('following an item into batches, windows, drops, retries and dead letters', () => {
  it('a batch result carries the traces of the items it was made of', async () => {
    //   src(10 items) ──▶ b(batch of 4) ──▶ out
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: 1000, count: 10 }],
          ['b', 'batch', { size: 4, maxWaitMs: 1000 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'b'],
          ['b', 'out'],
        ],
      ),
    );
    t.run.trace({ nodeId: 'src', ids: ['a', 'b'] });
    await drive(t);
    for (const id of ['a', 'b']) {
      expect(t.events(id)).toEqual([
        'enqueued e1',
        'dequeued e1',
        'started @b',
        'finished @b',
        'enqueued e2',
        'dequeued e2',
        'delivered @out',
      ]);
      expect(t.hops.get(id)!.find((h) => h.event === 'finished')!.mergedInto).toBe('a,b');
    }
    expect(t.done).toEqual(new Set(['a', 'b']));
    // Delivered when the batch of items 0–3 was: at item 3's arrival (t = 4 ms).
    expect(t.hops.get('a')!.at(-1)!.t).toBe(4);
  });

  it('a window result carries the trace of an item in it, whatever was emitted before', async () => {
    //   src(100/s, 30 items) ──▶ win(tumbling 100 ms) ──▶ out
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: 100, count: 30, keys: 1 }],
          ['win', 'window', { type: 'tumbling', sizeMs: 100 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'win'],
          ['win', 'out'],
        ],
      ),
    );
    await t.clock.advanceTo(125); // item 12 (t = 120) is out: the first window has fired
    t.run.trace({ nodeId: 'src', ids: ['w'] });
    await drive(t);
    // Item 13 (ts 130) goes into the window [100, 200), which fires when item 20 (ts 200) arrives.
    expect(t.events('w')).toEqual([
      'enqueued e1',
      'dequeued e1',
      'started @win',
      'finished @win',
      'enqueued e2',
      'dequeued e2',
      'delivered @out',
    ]);
    const hops = t.hops.get('w')!;
    expect(hops[0]!.t).toBe(130);
    expect(hops.find((h) => h.event === 'finished')).toMatchObject({ t: 200, mergedInto: 'w' });
    const delivered = t.sunk.filter((r) => r.count === 10);
    expect(delivered.length).toBeGreaterThanOrEqual(2);
  });

  it('drop-newest: the ones that fit are enqueued at their depth; the rest dropped at depth 4', async () => {
    //   src(50 at once) ──[e1: 4, drop-newest]──▶ slow(10 ms) ──▶ out
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 50 }],
          ['slow', 'worker', { serviceTimeMs: 10 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 4, overflow: 'drop-newest' }],
          ['slow', 'out'],
        ],
      ),
    );
    t.run.trace({ nodeId: 'src', ids: ['i0', 'i1', 'i2', 'i3', 'i4', 'i5'] });
    await drive(t);
    for (let i = 0; i < 4; i++) {
      expect(t.hops.get(`i${i}`)![0]).toMatchObject({ event: 'enqueued', edgeId: 'e1', depth: i });
      expect(t.events(`i${i}`).at(-1)).toBe('delivered @out');
    }
    for (const id of ['i4', 'i5']) {
      expect(t.hops.get(id)).toEqual([
        { event: 'dropped', t: 0, edgeId: 'e1', reason: 'drop-newest', depth: 4 },
      ]);
    }
    expect(t.done.size).toBe(6);
  });

  it('drop-oldest: a queued item evicted by a newer one is dropped at the depth it found', async () => {
    //   src(1 000/s, 20) ──[e1: 4, drop-oldest]──▶ slow(50 ms) ──▶ out
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: 1000, count: 20 }],
          ['slow', 'worker', { serviceTimeMs: 50 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 4, overflow: 'drop-oldest' }],
          ['slow', 'out'],
        ],
      ),
    );
    t.run.trace({ nodeId: 'src', ids: ['first', 'second'] });
    await drive(t);
    // Item 0 goes into service at once; item 1 waits and item 5 pushes it out of the full edge.
    expect(t.events('first').at(-1)).toBe('delivered @out');
    expect(t.hops.get('second')).toEqual([
      { event: 'enqueued', t: 2, edgeId: 'e1', depth: 0 },
      { event: 'dropped', t: 6, edgeId: 'e1', reason: 'drop-oldest', depth: 4 },
    ]);
    expect(t.done).toEqual(new Set(['first', 'second']));
  });

  it('retries carry attempt and backoff, then the dead letter carries the trace out of error', async () => {
    //   src(3) ──▶ work(always fails, retry 3 × from 10 ms) ──▶ out
    //                 └── error ──▶ dlq
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: 100, count: 3 }],
          [
            'work',
            'worker',
            {
              serviceTimeMs: 1,
              failureRate: 1,
              errorPolicy: 'retry',
              retry: { attempts: 3, baseMs: 10, maxMs: 100 },
            },
          ],
          ['out', 'counter'],
          ['dlq', 'counter'],
        ],
        [
          ['src', 'work'],
          ['work', 'out'],
          ['work', 'dlq', { sourcePort: 'error' }],
        ],
      ),
    );
    t.run.trace({ nodeId: 'src', ids: ['r'] });
    await drive(t);
    expect(t.events('r')).toEqual([
      'enqueued e1',
      'dequeued e1',
      'retried @work',
      'retried @work',
      'dead-lettered @work',
      'enqueued e3',
      'dequeued e3',
      'delivered @dlq',
    ]);
    const [r1, r2, dead] = t.hops.get('r')!.slice(2);
    expect(r1).toMatchObject({ attempt: 1 });
    expect(r1!.waitMs).toBeGreaterThanOrEqual(5); // jittered: half to all of 10 ms
    expect(r1!.waitMs).toBeLessThanOrEqual(10);
    expect(r2).toMatchObject({ attempt: 2 });
    expect(r2!.waitMs).toBeGreaterThanOrEqual(10);
    expect(r2!.waitMs).toBeLessThanOrEqual(20);
    expect(r2!.t - r1!.t).toBeCloseTo(r1!.waitMs! + 1, 6); // the backoff, then one more service time
    expect(dead).toMatchObject({ attempt: 3 });
    expect(t.done).toEqual(new Set(['r']));
  });

  it('a rate limiter in drop mode drops a traced item with reason rate-limit', async () => {
    //   src(5 at once) ──▶ gate(1/s, burst 1, drop) ──▶ out
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 5 }],
          ['gate', 'rate-limit', { rate: 1, burst: 1, mode: 'drop' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'gate'],
          ['gate', 'out'],
        ],
      ),
    );
    t.run.trace({ nodeId: 'src', ids: ['pass', 'stop'] });
    await drive(t);
    expect(t.events('pass')).toEqual([
      'enqueued e1',
      'dequeued e1',
      'started @gate',
      'finished @gate',
      'enqueued e2',
      'dequeued e2',
      'delivered @out',
    ]);
    expect(t.events('stop')).toEqual(['enqueued e1', 'dequeued e1', 'started @gate', 'dropped @gate']);
    expect(t.hops.get('stop')!.at(-1)!.reason).toBe('rate-limit');
  });

  it('an edge remembers the newest 100 items it dropped, with policy and depth', async () => {
    //   src(1 000 at once) ──[e1: 4, drop-newest]──▶ slow(1 s) ──▶ out
    const t = traced(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 1000 }],
          ['slow', 'worker', { serviceTimeMs: 1000 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 4, overflow: 'drop-newest' }],
          ['slow', 'out'],
        ],
      ),
    );
    await drive(t);
    const drops = (await t.run.drops('e1'))!;
    expect(drops.map((d) => d.item as { id: number }).map((i) => i.id)).toEqual(
      Array.from({ length: 100 }, (_, k) => 900 + k),
    );
    expect(drops.every((d) => d.policy === 'drop-newest' && d.depth === 4 && d.t === 0)).toBe(true);
    expect(await t.run.drops('e2')).toEqual([]);
    expect(await t.run.drops('nope')).toBeUndefined();
  });
});
