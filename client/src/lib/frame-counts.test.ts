import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { CountSums, frameSpan, perSecond, visitFrameCounts } from './frame-counts.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

const frame = (p: Partial<TelemetryFrame>): TelemetryFrame => ({
  runId: 'r',
  seq: 1,
  t: 100,
  nodes: {},
  edges: {},
  ...p,
});

describe('per-frame rates', () => {
  it('turns a count over dtMs into items/s: a burst of 100 in a 50 ms frame is 2,000/s', () => {
    expect(perSecond(100, 50)).toBe(2000);
    expect(perSecond(0, 100)).toBe(0);
    expect(perSecond(5, 0)).toBeNaN();
  });

  it('takes the frame’s own dtMs, else the gap to the frame before', () => {
    expect(frameSpan(frame({ t: 300, dtMs: 50 }), frame({ t: 100 }))).toBe(50);
    expect(frameSpan(frame({ t: 300 }), frame({ t: 100 }))).toBe(200);
    expect(frameSpan(frame({ t: 300 }), frame({ runId: 'other', t: 100 }))).toBe(0);
    expect(frameSpan(frame({ t: 300 }), null)).toBe(0);
  });

  it('counts the server’s unsmoothed deltas, and offered = accepted + dropped', () => {
    const seen: string[] = [];
    visitFrameCounts(
      frame({
        dtMs: 50,
        nodes: { lim: nodeTelemetry({ inRate: 100, outRate: 100, delta: { in: 100, out: 100 } }) },
        edges: { e: edgeTelemetry({ inRate: 100, delta: { in: 60, out: 100, dropped: 40 } }) },
      }),
      null,
      50,
      (kind, id, metric, n) => seen.push(`${kind}:${id}:${metric}=${n}`),
    );
    expect(seen).toEqual([
      'node:lim:in=100',
      'node:lim:out=100',
      'edge:e:in=60',
      'edge:e:out=100',
      'edge:e:dropped=40',
      'edge:e:offered=100',
    ]);
  });

  it('takes arrivals from the frame under drop-oldest, where each is accepted and evicts another', () => {
    // ARRANGE: a drop-oldest queue took 100 arrivals in the frame and evicted 75 older items.
    // Found by the new-user pass: after the run its inspector read 'Arriving 1,722/s' and
    // 'Drop rate 739/s (43%)' for a queue offered about 1,000/s that dropped 75 % of them.
    const sums = new CountSums();
    const f = frame({
      dtMs: 100,
      edges: {
        q: edgeTelemetry({
          inRate: 1000,
          dropRate: 750,
          delta: { in: 100, out: 25, dropped: 75, offered: 100 },
        }),
      },
    });
    // ACT
    sums.ms = 100;
    visitFrameCounts(f, null, 100, (kind, id, metric, n) => sums.add(kind, id, metric, n));
    // ASSERT
    expect(sums.rate('edge', 'q', 'offered')).toBe(1000);
    expect(sums.rate('edge', 'q', 'dropped')).toBe(750);
  });

  it('falls back to rate × span without deltas, so totals over a run still add up', () => {
    const sums = new CountSums();
    const f = frame({
      edges: { e: edgeTelemetry({ inRate: 500, outRate: 400, dropRate: 100, offeredRate: 600 }) },
    });
    sums.ms = 200;
    visitFrameCounts(f, null, 200, (kind, id, metric, n) => sums.add(kind, id, metric, n));
    expect(sums.rate('edge', 'e', 'in')).toBe(500);
    expect(sums.rate('edge', 'e', 'offered')).toBe(600);
    expect(sums.rate('edge', 'e', 'dropped')).toBe(100);
  });

  it('without rates or deltas, counts drops from the growth of the cumulative count', () => {
    const sums = new CountSums();
    const before = frame({ t: 100, edges: { e: edgeTelemetry({ inRate: 500, dropped: 1000 }) } });
    const now = frame({ t: 200, edges: { e: edgeTelemetry({ inRate: 500, dropped: 1150 }) } });
    sums.ms = 100;
    visitFrameCounts(now, before, 100, (kind, id, metric, n) => sums.add(kind, id, metric, n));
    expect(sums.rate('edge', 'e', 'dropped')).toBe(1500);
    expect(sums.rate('edge', 'e', 'offered')).toBe(2000);
  });

  it('sums counts over several frames into one rate, and starts over when cleared', () => {
    const sums = new CountSums();
    for (const n of [100, 0, 0, 100]) {
      sums.add('node', 'lim', 'out', n);
      sums.ms += 50;
    }
    expect(sums.rate('node', 'lim', 'out')).toBe(1000);
    expect(sums.rate('node', 'nobody', 'out')).toBeNaN();
    sums.clear();
    expect(sums.rate('node', 'lim', 'out')).toBeNaN();
    sums.ms = 100;
    expect(sums.rate('node', 'lim', 'out')).toBe(0);
  });
});

describe('the whole run’s lane shares', () => {
  it('weights each frame’s busy / idle / backpressured by the time it covers', () => {
    // ARRANGE: 900 ms busy, then the run ends and a 100 ms final frame finds every lane idle
    const sums = new CountSums();
    const busy = frame({ nodes: { work: nodeTelemetry({ busy: 1, idle: 0, backpressured: 0 }) } });
    const ended = frame({ nodes: { work: nodeTelemetry({ busy: 0, idle: 1, backpressured: 0 }) } });

    // ACT
    for (let i = 0; i < 9; i++) sums.addShares(busy, 100);
    sums.addShares(ended, 100);

    // ASSERT: busy 90 % of the run, not the last frame's 0 %
    const s = sums.shares('work')!;
    expect(s.busy).toBeCloseTo(0.9, 9);
    expect(s.idle).toBeCloseTo(0.1, 9);
    expect(s.backpressured).toBe(0);
    expect(sums.shares('unseen')).toBeUndefined();
    sums.clear();
    expect(sums.blockedShare('q')).toBeUndefined();
    expect(sums.shares('work')).toBeUndefined();
  });
});

describe('the whole run’s producer-blocked share', () => {
  it('is the time-weighted mean of every frame’s blockedRatio', () => {
    const sums = new CountSums();
    const held = frame({ edges: { q: edgeTelemetry({ blockedRatio: 0.8 }) } });
    const ended = frame({ edges: { q: edgeTelemetry({ blockedRatio: 0 }) } });
    for (const [f, ms] of [
      [held, 300],
      [held, 300],
      [ended, 200],
    ] as const) {
      sums.ms += ms;
      sums.addShares(f, ms);
    }
    expect(sums.blockedShare('q')).toBeCloseTo(0.6, 9);
  });
});

describe('CountSums.loadMeans', () => {
  it('keeps a node’s mean service and ρ over the run, for after it (the last frame has neither)', () => {
    // ARRANGE: two 100 ms frames, 50 items at 2 ms then 150 at 4 ms; ρ 0.5 then 1.0
    const sums = new CountSums();
    const f = (ms: number, took: number, rho: number): TelemetryFrame =>
      frame({
        dtMs: 100,
        nodes: {
          work: nodeTelemetry({ meanServiceMs: ms, utilization: rho, delta: { in: took, out: took } }),
        },
      });
    // ACT
    sums.addShares(f(2, 50, 0.5), 100);
    sums.addShares(f(4, 150, 1), 100);
    sums.addShares(frame({ nodes: { work: nodeTelemetry({}) } }), 100); // the final frame
    // ASSERT: service weighted by items (3.5 ms), ρ by the time it was measured (0.75)
    expect(sums.loadMeans('work')).toEqual({ serviceMs: 3.5, utilization: 0.75 });
    expect(sums.loadMeans('unseen')).toEqual({});
  });
});

describe('CountSums.addFrame', () => {
  const METRICS = ['in', 'out', 'offered', 'dropped', 'allowed', 'limited'] as const;
  const rate = fc.double({ min: 0, max: 1e6, noNaN: true });
  const count = fc.integer({ min: 0, max: 10_000 });
  const nodeArb = fc.record({
    inRate: rate,
    outRate: rate,
    delta: fc.option(fc.record({ in: count, out: count }), { nil: undefined }),
    limiter: fc.option(fc.record({ allowedRate: rate, limitedRate: rate }), { nil: undefined }),
  });
  const edgeArb = fc.record({
    inRate: rate,
    outRate: rate,
    dropped: count,
    dropRate: fc.option(rate, { nil: undefined }),
    offeredRate: fc.option(rate, { nil: undefined }),
    delta: fc.option(
      fc.record({ in: count, out: count, dropped: count, offered: fc.option(count, { nil: undefined }) }),
      { nil: undefined },
    ),
  });
  const frameArb = (runId: fc.Arbitrary<string>) =>
    fc.record({
      runId,
      nodes: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), nodeArb),
      edges: fc.dictionary(fc.constantFrom('e1', 'e2', 'e3'), edgeArb),
    });
  const build = (
    f: { runId: string; nodes: Record<string, object>; edges: Record<string, object> },
    t: number,
  ) =>
    frame({
      runId: f.runId,
      t,
      nodes: Object.fromEntries(
        Object.entries(f.nodes).map(([id, n]) => [
          id,
          nodeTelemetry(n as Partial<ReturnType<typeof nodeTelemetry>>),
        ]),
      ),
      edges: Object.fromEntries(
        Object.entries(f.edges).map(([id, e]) => [
          id,
          edgeTelemetry(e as Partial<ReturnType<typeof edgeTelemetry>>),
        ]),
      ),
    });

  it('sums exactly what visitFrameCounts visits, into both sums, over runs of frames', () => {
    fc.assert(
      fc.property(fc.array(frameArb(fc.constantFrom('r', 'r2')), { minLength: 1, maxLength: 6 }), (raw) => {
        const viaVisit = new CountSums();
        const one = new CountSums();
        const also = new CountSums();
        let previous: TelemetryFrame | null = null;
        raw.forEach((f, i) => {
          const now = build(f, 100 * (i + 1));
          visitFrameCounts(now, previous, 100, (kind, id, metric, n) => viaVisit.add(kind, id, metric, n));
          one.addFrame(now, previous, 100, also);
          previous = now;
        });
        for (const sums of [viaVisit, one, also]) sums.ms = 100 * raw.length;
        for (const kind of ['node', 'edge'] as const)
          for (const id of kind === 'node' ? ['a', 'b', 'c', 'd'] : ['e1', 'e2', 'e3'])
            for (const m of METRICS) {
              const want = viaVisit.rate(kind, id, m);
              expect(one.rate(kind, id, m)).toBe(want);
              expect(also.rate(kind, id, m)).toBe(want);
            }
      }),
    );
  });
});
