import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item } from '../node-behavior.js';
import { collector, contextFor } from '../test-helpers/node-context.js';
import { createAnomaly } from './anomaly.js';
import { MovingStats } from './moving-stats.js';

const points = (values: unknown[]): Item[] => values.map((value, i) => ({ id: i, ts: 1000 + i, value }));

function feed(params: Record<string, unknown>, values: unknown[]) {
  const ctx = contextFor('anomaly', params);
  const node = createAnomaly(ctx);
  const c = collector();
  const items = points(values);
  node.process(items, c.emit, 0, 0);
  return { node, ctx, c, items, alerts: c.out.alerts ?? [] };
}

const rule = { windowSize: 5, warmupPoints: 5, k: 2, pendingPoints: 2, clearPoints: 2 };

describe('anomaly', () => {
  it('walks Normal → Pending → Alerting → Normal, and Pending → Normal, emitting each transition exactly', () => {
    // ARRANGE — baseline 10 12 10 12 10, then 11 joins it: mean 11, stddev √0.8, band 11 ± 1.79
    const values = [10, 12, 10, 12, 10, 11, 20, 21, 22, 11, 30, 11, 10, 20, 11];
    // ACT
    const { alerts, c, items } = feed(rule, values);
    // ASSERT
    expect(alerts.map((a) => [a.previous, a.state, a.value, a.ts])).toEqual([
      ['Normal', 'Pending', 20, 1006], // first odd point
      ['Pending', 'Alerting', 21, 1007], // second in a row: pendingPoints 2
      // 22 keeps alerting; 11 is one normal point; 30 resets the count; 11, 10: two in a row
      ['Alerting', 'Normal', 10, 1012],
      ['Normal', 'Pending', 20, 1013],
      ['Pending', 'Normal', 11, 1014], // one normal point ends a pending period
    ]);
    // mean and stddev are the baseline's before the point; odd points never joined it
    expect(alerts[0]!.mean).toBeCloseTo(11, 12);
    expect(alerts[0]!.stddev).toBeCloseTo(Math.sqrt(0.8), 12);
    expect(alerts[1]!.mean).toBeCloseTo(11, 12);
    expect(alerts[2]!.mean).toBeCloseTo(11, 12); // baseline 12 10 11 11 11
    expect(alerts[2]!.stddev).toBeCloseTo(Math.sqrt(0.4), 12);
    // every item passes through, unchanged
    expect(c.out.out).toEqual(items);
    expect(c.out.out![3]).toBe(items[3]);
  });

  it('judges nothing during warm-up, however wild', () => {
    const { alerts, node } = feed(rule, [1, 1000, -1000, 5, 1e9]);
    expect(alerts).toEqual([]);
    expect(node.state).toBe('Normal');
  });

  it('pendingPoints 1 goes straight to Alerting; clearPoints 1 clears on the first normal point', () => {
    const { alerts } = feed({ ...rule, pendingPoints: 1, clearPoints: 1 }, [10, 12, 10, 12, 10, 50, 10]);
    expect(alerts.map((a) => [a.previous, a.state])).toEqual([
      ['Normal', 'Alerting'],
      ['Alerting', 'Normal'],
    ]);
  });

  it('direction above ignores drops; below ignores spikes', () => {
    const base = [10, 12, 10, 12, 10];
    expect(feed({ ...rule, direction: 'above' }, [...base, 0, 0, 0]).alerts).toEqual([]);
    expect(feed({ ...rule, direction: 'below' }, [...base, 50, 50, 50]).alerts).toEqual([]);
    expect(feed({ ...rule, direction: 'below' }, [...base, 0, 0]).alerts.map((a) => a.state)).toEqual([
      'Pending',
      'Alerting',
    ]);
  });

  it('a flat baseline (stddev 0) makes any different value anomalous; equal values are normal', () => {
    const { alerts } = feed({ ...rule, pendingPoints: 1 }, [5, 5, 5, 5, 5, 5, 5, 6]);
    expect(alerts.map((a) => [a.state, a.value, a.stddev])).toEqual([['Alerting', 6, 0]]);
  });

  it('minDeviation: a quiet baseline does not alert on small changes, only on ones that big', () => {
    const quiet = [1, 1, 1, 1, 1];
    expect(feed({ ...rule, pendingPoints: 1, minDeviation: 3 }, [...quiet, 2, 4, 1]).alerts).toEqual([]);
    const { alerts } = feed({ ...rule, pendingPoints: 1, minDeviation: 3 }, [...quiet, 4.5]);
    expect(alerts.map((a) => [a.state, a.value])).toEqual([['Alerting', 4.5]]);
  });

  it('items whose field is not a number pass through and are not judged', () => {
    const { alerts, c } = feed({ ...rule, pendingPoints: 1 }, [10, 12, 10, 12, 10, null, 'x', undefined, 11]);
    expect(alerts).toEqual([]);
    expect(c.out.out).toHaveLength(9);
  });

  it('live edit of k applies to the next point; state and baseline carry on', () => {
    const { node, ctx, c } = feed({ ...rule, pendingPoints: 1 }, [10, 12, 10, 12, 10]);
    node.update!({ ...ctx.params, pendingPoints: 1, k: 50 }, 0);
    node.process(points([20]), c.emit, 0, 0);
    expect(c.out.alerts ?? []).toEqual([]);
    // 20 was normal under k 50, so it joined the baseline: 12 10 12 10 20, mean 12.8, stddev ≈ 3.71
    node.update!({ ...ctx.params, pendingPoints: 1, k: 2 }, 0);
    node.process(points([30]), c.emit, 0, 0);
    expect(c.out.alerts!.map((a) => a.state)).toEqual(['Alerting']);
  });
});

describe('MovingStats', () => {
  it('matches a direct computation over the last `size` values, also on large offsets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(0, 1e9),
        (xs, size, offset) => {
          const s = new MovingStats(size);
          for (const x of xs) s.push(offset + x);
          const last = xs.slice(-size).map((x) => offset + x);
          const mean = last.reduce((a, b) => a + b, 0) / last.length;
          const sd = Math.sqrt(last.reduce((a, b) => a + (b - mean) ** 2, 0) / last.length);
          expect(s.count).toBe(last.length);
          expect(s.mean).toBeCloseTo(mean, 6);
          expect(s.stddev).toBeCloseTo(sd, 6);
        },
      ),
    );
  });
});
