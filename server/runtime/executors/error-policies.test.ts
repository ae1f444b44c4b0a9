import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registry } from '../nodes/registry.js';
import { createWorker } from '../nodes/worker.js';
import type { RunResult } from '../start-run.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { FakeClock } from '../test-helpers/fake-clock.js';

/*
 *   src(count, ∞) ──[c0]──▶ work(worker: failureRate, errorPolicy) ──out──[c1]──▶ ok
 *                                                                   └─error─[c2]─▶ dlq   (optional)
 *
 * The oracle: every attempt the worker makes is recorded (failed or not) by wrapping the worker's
 * `fails()`. The executor asks for a batch's items in the order it took them from the input, so
 * the recorded attempts map onto item ids in order (item 0's attempts, then item 1's, …).
 */
const fcParams = { seed: Number(process.env.FC_SEED ?? 314), numRuns: 80, endOnFailure: true };

/** Every attempt's outcome, in the order the worker made them: true = failed. */
let attempts: boolean[];
beforeEach(() => {
  attempts = [];
  vi.spyOn(registry, 'worker').mockImplementation((ctx) => {
    const behavior = createWorker(ctx);
    const fails = behavior.fails;
    behavior.fails = () => {
      const failure = fails();
      attempts.push(failure !== undefined);
      return failure;
    };
    return behavior;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

interface Arrival {
  sink: string;
  id: number;
  at: number;
}

async function runWorker(
  work: Record<string, unknown>,
  count: number,
  opts: { caps?: [number, number, number]; dlq: boolean },
): Promise<{ result: RunResult; arrivals: Arrival[] }> {
  const [c0, c1, c2] = opts.caps ?? [64, 64, 64];
  const clock = new FakeClock();
  const arrivals: Arrival[] = [];
  const run = startRun(
    planOf(
      [
        ['src', 'generator', { rate: null, count }],
        ['work', 'worker', work],
        ['ok', 'counter'],
        ...(opts.dlq ? [['dlq', 'counter'] as [string, string]] : []),
      ],
      [
        ['src', 'work', { capacity: c0 }],
        ['work', 'ok', { capacity: c1 }],
        ...(opts.dlq
          ? [['work', 'dlq', { sourcePort: 'error', capacity: c2 }] as [string, string, object]]
          : []),
      ] as never,
    ),
    {
      runId: 't',
      clock,
      telemetryHz: 0,
      probe: (sink, items) => {
        for (const item of items) arrivals.push({ sink, id: item.id as number, at: clock.now() });
      },
    },
  );
  const result = await clock.runUntil(run.done, 100_000_000);
  return { result, arrivals };
}

const idsAt = (arrivals: Arrival[], sink: string) => arrivals.filter((a) => a.sink === sink).map((a) => a.id);

/** Backoff before attempt `a + 1` (a ≥ 1), before jitter. */
const backoff = (r: { baseMs: number; maxMs: number }, a: number) =>
  Math.min(r.maxMs, r.baseMs * 2 ** (a - 1));

describe('worker error policies', () => {
  it('dead-letter / skip (property): the error port carries exactly the failed ids; ok and error are disjoint and cover every id', async () => {
    const workArb = fc.record({
      serviceTimeMs: fc.integer({ min: 0, max: 2000 }).map((us) => us / 1000),
      distribution: fc.constantFrom('constant', 'uniform', 'exponential'),
      concurrency: fc.integer({ min: 1, max: 3 }),
      failureRate: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
      errorPolicy: fc.constantFrom('dead-letter', 'skip'),
    });
    const cap = fc.integer({ min: 0, max: 32 });
    await fc.assert(
      fc.asyncProperty(
        workArb,
        fc.integer({ min: 1, max: 800 }),
        fc.tuple(cap, cap, cap),
        async (work, count, caps) => {
          // ARRANGE / ACT
          attempts = [];
          const { result, arrivals } = await runWorker(work, count, { caps, dlq: true });

          // ASSERT: one attempt per item, and the failed ones are exactly what came out of `error`
          expect(result.status).toBe('completed');
          expect(attempts).toHaveLength(count);
          const failed = attempts.flatMap((f, id) => (f ? [id] : []));
          const ok = idsAt(arrivals, 'ok');
          const dlq = idsAt(arrivals, 'dlq');
          const passed = attempts.flatMap((f, id) => (f ? [] : [id]));
          expect([...ok].sort((a, b) => a - b)).toEqual(passed);
          expect([...dlq].sort((a, b) => a - b)).toEqual(work.errorPolicy === 'dead-letter' ? failed : []);
          // Disjoint, and together every emitted id (skip: the failures are counted, not sent).
          expect(new Set([...ok, ...dlq]).size).toBe(ok.length + dlq.length);
          if (work.errorPolicy === 'dead-letter') expect(ok.length + dlq.length).toBe(count);
          expect(result.totals.errors).toBe(failed.length);
          expect(result.totals.emitted).toBe(count);
          if (work.concurrency === 1) {
            expect(ok).toEqual([...ok].sort((a, b) => a - b));
            expect(dlq).toEqual([...dlq].sort((a, b) => a - b));
          }
        },
      ),
      fcParams,
    );
  });

  it('retry (property, fake time): each item takes its attempts spaced by capped, jittered exponential backoff, then goes to error or is skipped', async () => {
    const retryArb = fc
      .record({
        attempts: fc.integer({ min: 1, max: 6 }),
        baseMs: fc.integer({ min: 1, max: 200 }),
        capFactor: fc.integer({ min: 1, max: 40 }), // maxMs = base × capFactor / 4: often below the last backoff
      })
      .map(({ attempts: n, baseMs, capFactor }) => ({
        attempts: n,
        baseMs,
        maxMs: Math.max(1, Math.round((baseMs * capFactor) / 4)),
      }));
    const jitters: number[] = [];
    let capped = 0;
    await fc.assert(
      fc.asyncProperty(
        retryArb,
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(1, 0.3, 0.6, 0.9),
        fc.integer({ min: 1, max: 25 }),
        fc.boolean(),
        async (retry, serviceTimeMs, failureRate, count, dlq) => {
          // ARRANGE / ACT
          attempts = [];
          const work = { serviceTimeMs, failureRate, errorPolicy: 'retry', retry };
          const { result, arrivals } = await runWorker(work, count, { dlq });

          // ASSERT: replay the recorded attempts per item; each item where it should be
          expect(result.status).toBe('completed');
          const items: Array<{ tries: number; ok: boolean }> = [];
          let next = 0;
          for (let id = 0; id < count; id++) {
            let tries = 0;
            let ok = false;
            while (!ok && tries < retry.attempts) {
              expect(next).toBeLessThan(attempts.length);
              tries++;
              ok = !attempts[next++];
            }
            items.push({ tries, ok });
          }
          expect(next).toBe(attempts.length); // never an attempt past `attempts`
          const gaveUp = items.flatMap((it, id) => (it.ok ? [] : [id]));
          expect(idsAt(arrivals, 'ok')).toEqual(items.flatMap((it, id) => (it.ok ? [id] : [])));
          expect(idsAt(arrivals, 'dlq')).toEqual(dlq ? gaveUp : []);
          expect(result.totals.errors).toBe(gaveUp.length);

          // Timing: an item that took `tries` attempts kept the worker tries × service time plus a
          // backoff before each retry of min(maxMs, base × 2^(k-1)) × jitter in [0.5, 1).
          const arrivalOf = new Map(arrivals.map((a) => [a.id, a.at]));
          let last = 0;
          let lo = 0;
          let hi = 0;
          let inGap = 0; // items whose time is in the gap up to the next arrival
          items.forEach((it, id) => {
            inGap++;
            let waits = 0;
            for (let k = 1; k < it.tries; k++) {
              waits += backoff(retry, k);
              if (backoff(retry, k) < retry.baseMs * 2 ** (k - 1)) capped++;
            }
            lo += it.tries * serviceTimeMs + 0.5 * waits;
            hi += it.tries * serviceTimeMs + waits;
            const at = arrivalOf.get(id);
            if (at === undefined) return; // skipped: its time is in the next arrival's gap
            const took = at - last;
            if (took < lo - 1e-6 || took > hi + 1e-6)
              expect({ id, tries: it.tries, took }).toEqual({ id, tries: it.tries, took: `${lo}..${hi}` });
            if (it.tries === 2 && inGap === 1) jitters.push((took - 2 * serviceTimeMs) / waits);
            last = at;
            lo = 0;
            hi = 0;
            inGap = 0;
          });
        },
      ),
      fcParams,
    );
    // Jitter is real and spread over [0.5, 1): not one fixed factor. Not vacuous: the cap bit.
    expect(jitters.length).toBeGreaterThan(30);
    expect(Math.min(...jitters)).toBeLessThan(0.6);
    expect(Math.max(...jitters)).toBeGreaterThan(0.9);
    expect(capped).toBeGreaterThan(10);
  });

  it('retry gives up after `attempts`, the backoff capped at maxMs: without an error edge the item is skipped', async () => {
    //   src(1 item) ──▶ work(10 ms, always fails, retry ×6 from 100 ms, max 200 ms) ──▶ ok
    // ARRANGE / ACT
    const clock = new FakeClock();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 1 }],
          [
            'work',
            'worker',
            {
              serviceTimeMs: 10,
              failureRate: 1,
              errorPolicy: 'retry',
              retry: { attempts: 6, baseMs: 100, maxMs: 200 },
            },
          ],
          ['ok', 'counter'],
        ],
        [
          ['src', 'work'],
          ['work', 'ok'],
        ],
      ),
      { runId: 't', clock, telemetryHz: 0 },
    );
    const result = await clock.runUntil(run.done, 60_000);

    // ASSERT: 6 attempts; backoffs 100, 200, 200, 200, 200 (not 400, 800, 1600) × [0.5, 1)
    expect(attempts).toEqual([true, true, true, true, true, true]);
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({ emitted: 1, delivered: 0, errors: 1 });
    expect(result.durationMs).toBeGreaterThanOrEqual(60 + 450);
    expect(result.durationMs).toBeLessThanOrEqual(60 + 900);
  });
});
