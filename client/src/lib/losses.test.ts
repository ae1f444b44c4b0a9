import { describe, expect, it } from 'vitest';
import { emptyTotals } from '../../../shared/protocol/telemetry.js';
import { frameLosses, lastRunSummary, leftInQueues, lossParts, totalsSummary } from './losses.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

describe('losses by name', () => {
  it('adds edge drops to what nodes dropped, rejected, dead-lettered and skipped', () => {
    const losses = frameLosses({
      runId: 'r',
      seq: 1,
      t: 1,
      edges: { a: edgeTelemetry({ dropped: 10 }), b: edgeTelemetry({ dropped: 5 }) },
      nodes: {
        src: nodeTelemetry({ rejected: 1200 }),
        limit: nodeTelemetry({ dropped: 7 }),
        w: nodeTelemetry({ deadLettered: 3, skipped: 2 }),
      },
    });
    expect(losses).toEqual({ dropped: 22, rejected: 1200, deadLettered: 3, skipped: 2 });
  });

  it('names expired and emptied items apart from drops, from frames and from totals', () => {
    const losses = frameLosses({
      runId: 'r',
      seq: 1,
      t: 1,
      edges: { a: edgeTelemetry({ dropped: 2, expired: 40 }), b: edgeTelemetry({ emptied: 9 }) },
      nodes: {},
    });
    expect(losses).toEqual({ dropped: 2, rejected: 0, deadLettered: 0, skipped: 0, expired: 40, emptied: 9 });
    expect(lossParts(losses).map((p) => p.text)).toEqual(['dropped 2', 'expired 40', 'emptied 9']);
    const t = { ...emptyTotals(), emitted: 100, delivered: 51, expired: 40, emptied: 9 };
    expect(totalsSummary(t, 'completed')).toBe('100 emitted · 51 delivered · 40 expired · 9 emptied');
  });

  it('names only the losses there were: never "dropped 0" beside rejected items', () => {
    const parts = lossParts({ dropped: 0, rejected: 1200, deadLettered: 0, skipped: 3 });
    expect(parts.map((p) => p.text)).toEqual(['rejected 1,200', 'skipped 3']);
    expect(lossParts({ dropped: 0, rejected: 0, deadLettered: 0, skipped: 0 })).toEqual([]);
  });

  it('sums up the last run with every loss by name', () => {
    const none = emptyTotals();
    expect(lastRunSummary({ ...none, emitted: 2000, delivered: 1500, rejected: 500 }, 'completed')).toBe(
      'Last run: 2,000 emitted · 1,500 delivered · 500 rejected',
    );
    expect(
      lastRunSummary(
        { ...none, emitted: 10, delivered: 6, dropped: 1, errors: 3, deadLettered: 3 },
        'stopped',
      ),
    ).toBe('Last run: 10 emitted · 6 delivered · 1 dropped · 3 dead-lettered · 3 errors');
    expect(lastRunSummary({ ...none, emitted: 10, delivered: 10 }, 'completed')).toBe(
      'Last run: 10 emitted · 10 delivered · nothing lost',
    );
  });

  it('a failed or stopped run names what it left in its queues: never "nothing lost" beside them', () => {
    const stranded = { ...emptyTotals(), emitted: 40, delivered: 31, queued: 9 };
    expect(totalsSummary(stranded, 'failed')).toBe('40 emitted · 31 delivered · 9 left in queues');
    expect(lastRunSummary(stranded, 'stopped')).toBe(
      'Last run: 40 emitted · 31 delivered · 9 left in queues',
    );
    // While it runs they are on their way, not lost.
    expect(totalsSummary(stranded, 'running')).toBe('40 emitted · 31 delivered · nothing lost');
    expect(leftInQueues('completed', 9)).toBe(0);
    expect(leftInQueues('failed', 9)).toBe(9);
    expect(
      lossParts({ dropped: 2, rejected: 0, deadLettered: 0, skipped: 0 }, 1_200).map((p) => p.text),
    ).toEqual(['dropped 2', '1,200 left in queues']);
  });
});
