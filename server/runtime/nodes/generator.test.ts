import { describe, expect, it } from 'vitest';
import { generatorKind } from '../../../shared/catalog/kinds/generator.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { contextFor } from '../test-helpers/node-context.js';
import { createGenerator, scheduled } from './generator.js';

const params = (p: Record<string, unknown>) => generatorKind.params.parse(p);

describe('generator schedule', () => {
  it('constant: rate × time', () => {
    expect(scheduled(params({ rate: 100 }), 1000)).toBe(100);
    expect(scheduled(params({ rate: 100 }), 2500)).toBe(250);
  });

  it('burst: on for burstOnMs at the rate, then silent for burstOffMs', () => {
    const p = params({ rate: 1000, pattern: 'burst', burstOnMs: 200, burstOffMs: 800 });
    expect(scheduled(p, 100)).toBe(100);
    expect(scheduled(p, 200)).toBe(200);
    expect(scheduled(p, 999)).toBe(200);
    expect(scheduled(p, 1100)).toBe(300);
    expect(scheduled(p, 1500)).toBe(400);
  });

  it('step: the rate grows by itself every step, up to 10×', () => {
    const p = params({ rate: 100, pattern: 'step', stepEveryMs: 1000 });
    expect(scheduled(p, 1000)).toBe(100);
    expect(scheduled(p, 2000)).toBe(300);
    expect(scheduled(p, 2500)).toBe(450); // third step: 300/s for 0.5 s
    // after 10 steps the rate stays at 1,000/s: 100 × (1 + … + 10) = 5,500 by 10 s, then +1,000/s
    expect(scheduled(p, 10_000)).toBe(5500);
    expect(scheduled(p, 12_000)).toBe(7500);
  });
});

describe('generator items', () => {
  const make = (keys: number, n: number) => {
    const g = createGenerator(contextFor('generator', { rate: null, keys }));
    const items = [];
    // Batches of different sizes: the value stream and ids carry over from batch to batch.
    for (let made = 0; made < n; ) {
      const batch = g.make(Math.min(1 + (made % 97), n - made), 5);
      items.push(...batch);
      made += batch.length;
    }
    return items;
  };

  it('ids count up; every key is used about equally; values are integers spread over 0–999', () => {
    const items = make(10, 20_000);
    expect(items.map((it) => it.id)).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
    expect(items.every((it) => it.ts === 5)).toBe(true);
    const perKey = new Map<unknown, number>();
    for (const it of items) perKey.set(it.key, (perKey.get(it.key) ?? 0) + 1);
    expect([...perKey.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
    for (const count of perKey.values()) expect(Math.abs(count - 2000)).toBeLessThan(200);
    const values = items.map((it) => it.value as number);
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v <= 999)).toBe(true);
    const tenths = new Array(10).fill(0);
    for (const v of values) tenths[Math.floor(v / 100)]++;
    for (const count of tenths) expect(Math.abs(count - 2000)).toBeLessThan(200);
    // Not a counter in disguise: neighbours differ.
    expect(new Set(values.slice(0, 100)).size).toBeGreaterThan(90);
  });

  it('the same seed gives the same items; many keys all stay in range', () => {
    expect(make(10, 500)).toEqual(make(10, 500));
    const keys = new Set(make(10_000, 50_000).map((it) => it.key));
    expect(keys.size).toBeGreaterThan(9900);
    expect([...keys].every((k) => /^k\d+$/.test(String(k)) && Number(String(k).slice(1)) < 10_000)).toBe(
      true,
    );
  });
});

describe('generator in a run', () => {
  it('open loop keeps its schedule: what a full queue cannot take is rejected and counted', async () => {
    //   src(open, 2000/s) ──[cap 16, block]──▶ work(2 ms: 500/s) ──▶ out
    const frames: Array<{ rejected: number; processed: number }> = [];
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 2000, loop: 'open' }],
          ['work', 'worker', { serviceTimeMs: 2 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'work', { capacity: 16 }],
          ['work', 'out'],
        ],
      ),
      {
        runId: 't',
        onFrame: (f) => frames.push({ rejected: f.nodes.src!.rejected!, processed: f.nodes.src!.processed }),
      },
    );
    await new Promise((r) => setTimeout(r, 1500));
    run.stop('abort');
    const result = await run.done;
    const last = frames.at(-1)!;
    // The source made ~2,000/s regardless of the worker's 500/s; about three quarters were refused.
    expect(last.processed).toBeGreaterThan(2000);
    expect(last.rejected / last.processed).toBeGreaterThan(0.6);
    expect(last.rejected / last.processed).toBeLessThan(0.85);
    expect(result.totals.rejected).toBeGreaterThanOrEqual(last.rejected);
  });
});
