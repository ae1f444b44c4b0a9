import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { CountSums, visitFrameCounts } from './frame-counts.js';
import { littleText, waitRows } from './queue-theory-rows.js';
import { cachedWithAverages, runAveragesOf, withAverages } from './run-averages.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

/*
 *   src ──q──▶ work        the run has ended: the final frame's rates are 0 and every lane idle
 */
const last: TelemetryFrame = {
  runId: 'r',
  seq: 90,
  t: 9_000,
  nodes: { work: nodeTelemetry({ inRate: 0, outRate: 0, busy: 0, idle: 1, processed: 4_400 }) },
  edges: { q: edgeTelemetry({ depth: 64, inRate: 0, outRate: 0, blockedRatio: 0 }) },
};

describe('withAverages', () => {
  it('shows the run’s average rates and shares, and keeps the final frame’s depths and totals', () => {
    const shown = withAverages(last, {
      seconds: 9,
      nodes: { work: { inRate: 490, outRate: 489, shares: { busy: 0.98, idle: 0.02, backpressured: 0 } } },
      edges: { q: { inRate: 490, outRate: 490, offeredRate: 490, dropRate: 0, blockedRatio: 0.74 } },
    });
    expect(shown.nodes.work).toMatchObject({ outRate: 489, busy: 0.98, idle: 0.02, processed: 4_400 });
    expect(shown.edges.q).toMatchObject({ inRate: 490, blockedRatio: 0.74, depth: 64 });
    expect(last.nodes.work!.outRate).toBe(0); // the frame itself is left alone
  });

  it('is the frame itself when there are no averages (a live run)', () => {
    expect(withAverages(last, null)).toBe(last);
  });
});

describe('cachedWithAverages', () => {
  it('builds the averaged frame once per frame and averages, and again when either changes', () => {
    const averages = {
      seconds: 9,
      nodes: { work: { inRate: 490, outRate: 489 } },
      edges: {},
    };
    const shown = cachedWithAverages();
    const first = shown(last, averages);
    expect(shown(last, averages)).toBe(first);
    expect(first.nodes.work!.outRate).toBe(489);
    const later = { ...last, seq: 91 };
    expect(shown(later, averages)).not.toBe(first);
    expect(shown(later, null)).toBe(later);
  });
});

describe('runAveragesOf: a queue over the run (Little’s law after it ends)', () => {
  it('averages the depth over time and the wait over the items that left', () => {
    // ARRANGE: 1 s filling (depth 20, 100 left waiting 40 ms), 3 s full (depth 64, 500/s
    // leaving after 128 ms), then the final frame: no items leaving, no wait measured
    const sums = new CountSums();
    const frame = (t: number, depth: number, out: number, meanWaitMs?: number): TelemetryFrame => ({
      runId: 'r',
      seq: t,
      t,
      dtMs: 1_000,
      nodes: {},
      edges: {
        q: edgeTelemetry({
          depth,
          outRate: out,
          delta: { in: out, out, dropped: 0 },
          ...(meanWaitMs !== undefined ? { meanWaitMs } : {}),
        }),
      },
    });
    const frames = [frame(1_000, 20, 100, 40), frame(2_000, 64, 500, 128), frame(3_000, 64, 500, 128)];
    frames.push(frame(4_000, 64, 500, 128));
    // ACT
    let previous: TelemetryFrame | null = null;
    for (const f of frames) {
      visitFrameCounts(f, previous, 1_000, (kind, id, metric, n) => sums.add(kind, id, metric, n));
      sums.ms += 1_000;
      sums.addShares(f, 1_000);
      previous = f;
    }
    const q = runAveragesOf(sums, frames.at(-1)!)!.edges.q!;
    // ASSERT: L = (20 + 3 × 64) / 4 s; W = (100 × 40 + 1,500 × 128) / 1,600 items; λ = 1,600 / 4 s
    expect(q.meanDepth).toBeCloseTo(53, 6);
    expect(q.meanWaitMs).toBeCloseTo(122.5, 6);
    expect(q.outRate).toBeCloseTo(400, 6);
    expect(littleText(last.edges.q, q)).toBe('≈ 400/s × 123 ms = 49 (mean depth 53)');
    expect(waitRows(last.edges.q, q)[0]).toEqual(['Mean wait', '123 ms (run)']);
  });

  it('says nothing of the wait when no item left with one measured', () => {
    const sums = new CountSums();
    sums.ms = 1_000;
    sums.addShares(last, 1_000);
    const q = runAveragesOf(sums, last)!.edges.q!;
    expect(q.meanDepth).toBe(64);
    expect(q.meanWaitMs).toBeUndefined();
    expect(waitRows(last.edges.q, q)).toEqual([
      ['Mean wait', '—'],
      ["Little's law: depth", '—'],
    ]);
  });
});
