import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../protocol/telemetry.js';
import { findBottlenecks, holdBottlenecks, shownBottleneck, worstBottleneck } from './bottleneck.js';
import { nodeTelemetry as node, edgeTelemetry as queue } from './test-telemetry.js';

const chain = [
  { id: 'e1', source: 'src', target: 'work' },
  { id: 'e2', source: 'work', target: 'out' },
];
const frame = (
  nodes: TelemetryFrame['nodes'],
  queues: TelemetryFrame['edges'],
  t = 1000,
): TelemetryFrame => ({ runId: 'r1', seq: t / 100, t, nodes, edges: queues });

describe('findBottlenecks', () => {
  /*
   *   src 500/s (bp 75 %) --e1 [64/64, blocked 75 %]--> work (2 ms, 1 lane, ρ 4.0) --e2--> out
   */
  it('quotes the arithmetic of utilization and how fast the queue fills when the frame carries it', () => {
    // ARRANGE
    const f = frame(
      {
        src: node({ outRate: 500, idle: 0.25, backpressured: 0.75 }),
        work: node({ inRate: 500, outRate: 500, busy: 1, idle: 0, meanServiceMs: 2, utilization: 4 }),
        out: node({ inRate: 500, busy: 0.02, idle: 0.98 }),
      },
      {
        e1: queue({ depth: 64, inRate: 500, outRate: 500, offeredRate: 500, blockedRatio: 0.75 }),
        e2: queue({}),
      },
    );
    // ACT
    const found = findBottlenecks(f, chain);
    // ASSERT: 2,000/s offered against 500/s served fills 64 slots in 64 / 1,500 s
    expect(found.work?.sentence).toBe(
      'work is the bottleneck: 2,000 items/s offered × 2 ms ÷ 1 lane = 4.0 × what it can serve; ' +
        'e1 fills its 64 slots in 43 ms at that rate, and src waits 75% of its time for room in e1.',
    );
  });

  it('recovers the lanes from ρ, and says what a dropping queue loses', () => {
    const f = frame(
      {
        src: node({ outRate: 8000 }),
        work: node({ inRate: 2000, outRate: 2000, busy: 1, idle: 0, meanServiceMs: 2, utilization: 4 }),
      },
      { e1: queue({ depth: 64, inRate: 2000, outRate: 2000, offeredRate: 8000, dropRate: 6000 }) },
    );
    const found = findBottlenecks(f, [{ id: 'e1', source: 'src', target: 'work', overflow: 'drop-newest' }]);
    expect(found.work?.sentence).toBe(
      'work is the bottleneck: 8,000 items/s offered × 2 ms ÷ 4 lanes = 4.0 × what it can serve; ' +
        'e1 drops 6,000/s it cannot take (drop-newest).',
    );
  });

  /*
   *   src --e1 [64/64, blocked 40 %]--> work (busy 95 %, ρ 0.6)
   */
  it('does not mark a node whose utilization leaves it spare capacity, however busy it looks', () => {
    const f = frame(
      {
        src: node({ outRate: 300, backpressured: 0.4 }),
        work: node({ inRate: 300, busy: 0.95, idle: 0.05, meanServiceMs: 2, utilization: 0.6 }),
      },
      { e1: queue({ depth: 64, inRate: 300, outRate: 300, offeredRate: 300, blockedRatio: 0.4 }) },
    );
    expect(findBottlenecks(f, chain)).toEqual({});
  });

  /*
   *   src 2,000/s (bp 0 %) --e1 [58/64, blocked 0 %]--> work ×4 (busy 99 %, 2,000/s) --e2--> out
   *
   *   A worker with concurrency 4 that exactly keeps up: busy all the time, but nobody waits on it.
   */
  it('does not mark a busy worker that keeps up, however busy it is', () => {
    // ARRANGE
    const f = frame(
      {
        src: node({ outRate: 2000, busy: 0.02, idle: 0.98 }),
        work: node({ inRate: 2000, outRate: 2000, busy: 0.99, idle: 0.01 }),
        out: node({ inRate: 2000, busy: 0.05, idle: 0.95 }),
      },
      { e1: queue({ depth: 58, inRate: 2000, outRate: 2000 }), e2: queue({ depth: 1 }) },
    );
    // ACT
    const found = findBottlenecks(f, chain);
    // ASSERT
    expect(found).toEqual({});
  });

  /*
   *   src (bp 74 %) --e1 [64/64, blocked 74 %]--> work (busy 98 %, 500/s) --e2 [0/64]--> out
   */
  it('marks a slow consumer that holds its producer back, quoting the numbers', () => {
    // ARRANGE
    const f = frame(
      {
        src: node({ outRate: 500, busy: 0.01, idle: 0.25, backpressured: 0.74 }),
        work: node({ inRate: 500, outRate: 500, busy: 0.98, idle: 0.02 }),
        out: node({ inRate: 500, busy: 0.02, idle: 0.98 }),
      },
      { e1: queue({ depth: 64, blockedRatio: 0.74 }), e2: queue({}) },
    );
    // ACT
    const found = findBottlenecks(f, chain);
    // ASSERT
    expect(Object.keys(found)).toEqual(['work']);
    expect(found.work?.sentence).toBe(
      'work is the bottleneck: busy 98% at 500/s, and src waits 74% of its time for room in e1.',
    );
    expect(found.work?.detail).toBe(
      'Its input queue “e1” holds 64/64. Make it faster or give it more concurrency to raise throughput.',
    );
  });

  /*
   *   src (bp 83 %) --e1 [nats 200/200, blocked 83 %]--> work ×4 on r1, r2 (busy 100 %, 199/s) --e2--> out
   *
   *   A replicated stage scales by replicas: the advice says so, not "more concurrency".
   */
  it('advises more replicas for a replicated node, not more concurrency', () => {
    const replica = (runner: string) => ({
      runner,
      inRate: 50,
      outRate: 50,
      busy: 1,
      idle: 0,
      backpressured: 0,
      processed: 350,
    });
    const f = frame(
      {
        src: node({ outRate: 199, busy: 0.01, idle: 0.16, backpressured: 0.83 }),
        work: node({
          inRate: 199,
          outRate: 199,
          busy: 1,
          idle: 0,
          replicas: [replica('r1'), replica('r2'), replica('r1'), replica('r2')],
        }),
        out: node({ inRate: 199, busy: 0.02, idle: 0.98 }),
      },
      { e1: queue({ depth: 200, capacity: 200, blockedRatio: 0.83, transport: 'nats' }), e2: queue({}) },
    );
    const found = findBottlenecks(f, chain);
    expect(found.work?.detail).toBe(
      'Its input queue “e1” holds 200/200. Make it faster or give it more replicas to raise throughput.',
    );
  });

  /*
   *   src (bp 40 %) --e1 [0/0, blocked 40 %]--> stage (busy 72 %) --e2 [0/0]--> next (busy 60 %)
   *
   *   Unbuffered: the producer waits on a stage with spare capacity; a buffer fixes it, speed does not.
   */
  it('does not mark a stage with spare capacity behind a rendezvous edge', () => {
    const edges = [
      { id: 'e1', source: 'src', target: 'stage' },
      { id: 'e2', source: 'stage', target: 'next' },
    ];
    const f = frame(
      {
        src: node({ outRate: 270, busy: 0.05, idle: 0.55, backpressured: 0.4 }),
        stage: node({ inRate: 270, busy: 0.72, idle: 0.1, backpressured: 0.18 }),
        next: node({ inRate: 270, busy: 0.6, idle: 0.4 }),
      },
      {
        e1: queue({ capacity: 0, blockedRatio: 0.4 }),
        e2: queue({ capacity: 0, blockedRatio: 0.18 }),
      },
    );
    expect(findBottlenecks(f, edges)).toEqual({});
  });

  /*
   *   src --e1 [64/64, blocked 90 %]--> work (busy 60 %, bp 40 %) --e2 [60/64, blocked 40 %]--> out (busy 99 %)
   */
  it('skips a node that is itself waiting for room downstream and marks the one below', () => {
    const f = frame(
      {
        work: node({ busy: 0.6, idle: 0, backpressured: 0.4 }),
        out: node({ inRate: 480, busy: 0.99, idle: 0.01 }),
      },
      { e1: queue({ depth: 64, blockedRatio: 0.9 }), e2: queue({ depth: 60, blockedRatio: 0.4 }) },
    );
    const found = findBottlenecks(f, chain);
    expect(Object.keys(found)).toEqual(['out']);
    expect(found.out?.sentence).toBe(
      'out is the bottleneck: busy 99% at 480/s, and work waits 40% of its time for room in e2.',
    );
  });

  /*
   *   src --e1 [64/64, blocked 0 %, no drops]--> work (busy 97 %)
   */
  it('does not mark a node behind a full queue that holds nobody back', () => {
    const f = frame(
      { src: node({ idle: 1 }), work: node({ busy: 0.97, idle: 0.03 }) },
      { e1: queue({ depth: 64 }), e2: queue({}) },
    );
    expect(findBottlenecks(f, chain)).toEqual({});
  });

  /*
   *   src 2,000/s --e1 [64/64 drop-newest, dropping 1,500/s]--> work (busy 99 %, 500/s)
   */
  it('marks a node whose dropping queue sheds what it cannot take, with the drop rate', () => {
    const dropping = [{ ...chain[0]!, data: { overflow: 'drop-newest' } }, chain[1]!];
    const f = frame(
      { work: node({ inRate: 500, busy: 0.99, idle: 0.01 }) },
      { e1: queue({ depth: 64, dropped: 40_000, dropRate: 1500 }), e2: queue({}) },
    );
    expect(findBottlenecks(f, dropping).work?.sentence).toBe(
      'work is the bottleneck: busy 99% at 500/s, and e1 drops 1,500/s it cannot take (drop-newest).',
    );
  });

  it('turns a cumulative drop count into a rate with the previous frame', () => {
    const dropping = [{ ...chain[0]!, overflow: 'drop-oldest' }, chain[1]!];
    const nodes = { work: node({ inRate: 500, busy: 0.99, idle: 0.01 }) };
    const before = frame(nodes, { e1: queue({ depth: 64, dropped: 1000 }) }, 1000);
    const now = frame(nodes, { e1: queue({ depth: 64, dropped: 1150 }) }, 1100);
    expect(findBottlenecks(now, dropping, before).work?.sentence).toMatch(
      /and e1 drops 1,500\/s it cannot take \(drop-oldest\)\.$/,
    );
    // Dropped long ago, not any more: nobody is held back now.
    const later = frame(nodes, { e1: queue({ depth: 64, dropped: 1150 }) }, 1200);
    expect(findBottlenecks(later, dropping, now)).toEqual({});
  });

  /*
   *   src (open loop, rejecting) --e1 [64/64]--> work (busy 97 %, 500/s)
   */
  it('marks a node whose full queue makes an open-loop source reject arrivals', () => {
    const before = frame(
      { src: node({ rejected: 100 }), work: node({ inRate: 500, busy: 0.97, idle: 0.03 }) },
      { e1: queue({ depth: 64 }) },
      2000,
    );
    const now = frame(
      { src: node({ rejected: 250 }), work: node({ inRate: 500, busy: 0.97, idle: 0.03 }) },
      { e1: queue({ depth: 64 }) },
      2100,
    );
    expect(findBottlenecks(now, chain, before).work?.sentence).toBe(
      'work is the bottleneck: busy 97% at 500/s, and src rejects 1,500/s because e1 is full.',
    );
  });

  /*
   *   a --e1 [64/64, blocked 80 %]--┐
   *                                 ├─> join (busy 96 %, 900/s)
   *   b --e2 [64/64, blocked 50 %]--┘
   */
  it('quotes the most held-back producer and lists the others after it', () => {
    const edges = [
      { id: 'e1', source: 'a', target: 'join' },
      { id: 'e2', source: 'b', target: 'join' },
    ];
    const f = frame(
      { join: node({ inRate: 900, busy: 0.96, idle: 0.04 }) },
      { e2: queue({ depth: 64, blockedRatio: 0.5 }), e1: queue({ depth: 64, blockedRatio: 0.8 }) },
    );
    const found = findBottlenecks(f, edges);
    expect(found.join?.sentence).toBe(
      'join is the bottleneck: busy 96% at 900/s, and a waits 80% of its time for room in e1.',
    );
    expect(found.join?.detail).toMatch(/also b waits 50% of its time for room in e2\./);
  });
});

describe('a mark’s words', () => {
  // They are written when first read (most marks are never read): still those of its own frame.
  it('are those of the frame that found it, read frames later and after holdBottlenecks', () => {
    // ARRANGE: work holds src back in frames at 1000 (queue at 64) and 1100 (queue at 50).
    const at = (t: number, depth: number) =>
      frame(
        {
          src: node({ outRate: 500, idle: 0.25, backpressured: 0.75 }),
          work: node({ inRate: 500, outRate: 500, busy: 1, idle: 0 }),
          out: node({ inRate: 500, busy: 0.02, idle: 0.98 }),
        },
        { e1: queue({ depth, inRate: 500, outRate: 500, blockedRatio: 0.75 }), e2: queue({}) },
        t,
      );
    const first = findBottlenecks(at(1000, 64), chain);
    // ACT: the second frame's mark keeps the first's streak start; words read only now.
    const held = holdBottlenecks(first, findBottlenecks(at(1100, 50), chain), at(1100, 50));
    // ASSERT
    expect(held.work).toMatchObject({ since: 1000, seenAt: 1100 });
    expect(held.work?.detail).toBe(
      'Its input queue “e1” holds 50/64. Make it faster or give it more concurrency to raise throughput.',
    );
    expect(first.work?.detail).toContain('holds 64/64');
    expect({ ...held.work }).toMatchObject({ sentence: held.work?.sentence, since: 1000 });
  });
});

describe('holdBottlenecks, shownBottleneck and worstBottleneck', () => {
  const b = (busy: number, seenAt: number, since = seenAt - 1000) => ({
    sentence: `${busy}`,
    detail: '',
    busy,
    seenAt,
    since,
  });
  const busy = node({ busy: 0.9, idle: 0.1 });

  it('shows a node only once frames have shown it for CONFIRM_MS without a break', () => {
    // ARRANGE: a candidate found in frames at 1000, 1100, … (a streak), another found once.
    let held = {};
    const seen: boolean[] = [];
    for (let t = 1000; t <= 1500; t += 100) {
      // ACT
      held = holdBottlenecks(
        held,
        { w: b(0.95, t, t), ...(t === 1000 ? { x: b(0.99, t, t) } : {}) },
        {
          t,
          nodes: { w: busy, x: busy },
        },
      );
      seen.push(shownBottleneck(held, 'w') !== undefined);
    }
    // ASSERT: shown from 1400 on (400 ms after the streak began); the one-frame candidate never.
    expect(seen).toEqual([false, false, false, false, true, true]);
    expect(shownBottleneck(held, 'x')).toBeUndefined();
    expect(worstBottleneck(held)?.[0]).toBe('w');
  });

  it('drops an unconfirmed candidate as soon as a frame does not show it (its streak is broken)', () => {
    const held = holdBottlenecks({ w: b(0.95, 1300, 1000) }, {}, { t: 1400, nodes: { w: busy } });
    expect(held).toEqual({});
  });

  it('holds a confirmed mark briefly after it stops showing, and picks the busiest for the banner', () => {
    const held = holdBottlenecks(
      { a: b(0.8, 1000), c: b(0.9, 0) },
      { d: b(0.95, 2000) },
      { t: 2000, nodes: { a: busy, c: busy, d: busy } },
    );
    expect(Object.keys(held).sort()).toEqual(['a', 'd']);
    expect(worstBottleneck(held)?.[0]).toBe('d');
  });

  it('drops a held mark as soon as the node has spare capacity or waits on its outputs', () => {
    const held = holdBottlenecks(
      {
        idle: b(0.9, 1900),
        gone: b(0.9, 1900),
        blocked: b(0.9, 1900),
        busy: b(0.9, 1900),
        spare: b(0.9, 1900),
      },
      {},
      {
        t: 2000,
        nodes: {
          idle: node({ busy: 0.4, idle: 0.6 }),
          blocked: node({ busy: 0.75, idle: 0, backpressured: 0.25 }),
          spare: node({ busy: 0.72, idle: 0.28 }),
          busy: node({ busy: 0.9, idle: 0.1 }),
        },
      },
    );
    expect(Object.keys(held)).toEqual(['busy']);
  });
});
