import { describe, expect, it } from 'vitest';
import { emptyTotals } from '../../../shared/protocol/telemetry.js';
import { frameLosses, lastRunSummary, lossParts } from './losses.js';
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

  it('names only the losses there were: never "dropped 0" beside rejected items', () => {
    const parts = lossParts({ dropped: 0, rejected: 1200, deadLettered: 0, skipped: 3 });
    expect(parts.map((p) => p.text)).toEqual(['rejected 1,200', 'skipped 3']);
    expect(lossParts({ dropped: 0, rejected: 0, deadLettered: 0, skipped: 0 })).toEqual([]);
  });

  it('sums up the last run with every loss by name', () => {
    const none = emptyTotals();
    expect(lastRunSummary({ ...none, emitted: 2000, delivered: 1500, rejected: 500 })).toBe(
      'Last run: 2,000 emitted · 1,500 delivered · 500 rejected',
    );
    expect(
      lastRunSummary({ ...none, emitted: 10, delivered: 6, dropped: 1, errors: 3, deadLettered: 3 }),
    ).toBe('Last run: 10 emitted · 6 delivered · 1 dropped · 3 dead-lettered · 3 errors');
    expect(lastRunSummary({ ...none, emitted: 10, delivered: 10 })).toBe(
      'Last run: 10 emitted · 10 delivered · nothing lost',
    );
  });
});
