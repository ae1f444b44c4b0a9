import { describe, expect, it } from 'vitest';
import type { NodeTelemetry, TelemetryFrame } from '../protocol/telemetry.js';
import { CSV_COLUMNS, csvRows } from './frames-csv.js';

const node = (extra: Partial<NodeTelemetry>): NodeTelemetry => ({
  inRate: 500,
  outRate: 200,
  busy: 0.1,
  idle: 0.9,
  backpressured: 0,
  p50Ms: 0,
  p99Ms: 0,
  errors: 0,
  processed: 1000,
  ...extra,
});

//   src ──▶ work (errorPolicy dead-letter, 30 % fail) ──▶ out
//                └─ error ──▶ dl
//   src ──▶ rl (rate-limit 200/s, drop) ──▶ out
describe('csvRows', () => {
  it('carries where failed items went and what a limiter let through, so a row adds up', () => {
    // ARRANGE: one frame, the worker's errors split by policy, the limiter's rates
    const frame: TelemetryFrame = {
      runId: 'r',
      seq: 1,
      t: 1000,
      edges: {},
      nodes: {
        work: node({ errors: 30, deadLettered: 25, skipped: 5 }),
        rl: node({
          dropped: 600,
          limiter: { tokens: 3, capacity: 10, waiting: 0, allowedRate: 200, limitedRate: 300 },
        }),
      },
    };
    // ACT
    const rows = csvRows(frame)
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    const cell = (id: string, col: string) => rows.find((r) => r[2] === id)![CSV_COLUMNS.indexOf(col)];
    // ASSERT: before, a spreadsheet saw 30 errors and no column saying where they went
    expect(cell('work', 'errors')).toBe('30');
    expect(cell('work', 'deadLettered')).toBe('25');
    expect(cell('work', 'skipped')).toBe('5');
    expect(cell('rl', 'dropped')).toBe('600');
    expect(cell('rl', 'allowedRate')).toBe('200');
    expect(cell('rl', 'limitedRate')).toBe('300');
    expect(cell('work', 'allowedRate')).toBe(''); // not a limiter
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });
});
