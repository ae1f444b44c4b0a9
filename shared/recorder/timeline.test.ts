import { describe, expect, it } from 'vitest';
import { Recording } from './recording.js';
import { realisticRun } from './test-frames.js';
import { bucketPoints, pointOf, TimelineBuilder, type TimelinePoint, timelineOf } from './timeline.js';

const points = (n: number): TimelinePoint[] => Array.from({ length: n }, (_, i) => [i * 100, i, i * 2]);

describe('timeline', () => {
  it('buckets to at most max points, the last of each bucket, always ending on the last point', () => {
    for (const n of [0, 1, 1999, 2000, 2001, 4000, 4001, 18_000, 18_001]) {
      const out = bucketPoints(points(n), 2000);
      expect(out.length).toBeLessThanOrEqual(2000);
      if (n <= 2000) expect(out).toEqual(points(n));
      else {
        expect(out.at(-1)).toEqual(points(n).at(-1));
        expect(out.length).toBeGreaterThan(1000);
        const ts = out.map((p) => p[0]);
        expect(ts).toEqual([...ts].sort((a, b) => a - b));
      }
    }
    expect(bucketPoints(points(4000), 2000)[0]).toEqual([100, 1, 2]);
  });

  it('a builder keeps at most twice its cap, halving the oldest resolution, ending on the newest', () => {
    const b = new TimelineBuilder(100);
    const run = realisticRun(2, 3, 10, 50);
    for (const f of run) b.add(f);
    expect(b.all.length).toBeLessThan(200);
    expect(b.all.at(-1)).toEqual(pointOf(run.at(-1)!));
  });

  it('from a stored recording: the same points as from its frames', () => {
    const run = realisticRun(4, 6, 10, 5);
    for (const f of run.slice(20))
      f.totals = {
        emitted: 0,
        delivered: 0,
        dropped: f.seq,
        errors: 0,
        rejected: 0,
        deadLettered: 0,
        skipped: 0,
      };
    const rec = new Recording({ maxBytes: 1e9 });
    for (const f of run) rec.append(f);
    expect(timelineOf(rec)).toEqual(run.map(pointOf));
    // Without totals, dropped is the sum over edges; with them, the run's total.
    expect(pointOf(run[0]!)[2]).toBe(Object.values(run[0]!.edges).reduce((n, e) => n + e.dropped, 0));
    expect(pointOf(run[30]!)[2]).toBe(30);
  });
});
