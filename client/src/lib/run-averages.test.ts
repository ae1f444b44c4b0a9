import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { cachedWithAverages, withAverages } from './run-averages.js';
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
