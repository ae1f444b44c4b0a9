import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, median, round, withLesson } from '../lesson-harness.js';
import { expectLittle } from '../little.js';

//   newest-source (2,000/s) ──[newest-queue: 64, drop-newest]──▶ newest-worker (500/s) ──▶ newest-sink
//   oldest-source (2,000/s) ──[oldest-queue: 64, drop-oldest]──▶ oldest-worker (500/s) ──▶ oldest-sink
//
// Rates, drop rates and latencies are the numbers the canvas shows: node out-rates, the edges'
// drop rates and the sinks' e2e p50 (≈1 s windows, frames at 10 Hz).

const outRate = (n: { outRate: number }) => n.outRate;
const e2eP50 = (n: { e2eP50Ms?: number }) => n.e2eP50Ms;

export function proveDropInsteadOfBlock(example: Example): Promise<Measured> {
  return withLesson(example, { keep: ['newest-sink', 'oldest-sink'] }, async (lesson) => {
    const [, , bigger, block] = example.lesson.steps;
    await lesson.watch(1000);

    // Step 1: both sources keep their rate; the queues shed the excess and count it.
    const shed = await lesson.watch(1500);
    const measured: Measured = {};
    const shedRates: Record<string, [number, number]> = {};
    for (const side of ['newest', 'oldest']) {
      const source = shed.shown(`${side}-source`, outRate);
      const worker = shed.shown(`${side}-worker`, outRate);
      const drops = median(shed.edges(`${side}-queue`).map((e) => e.dropRate ?? 0));
      expectNear(source, 2000, 0.1, `${side}: source keeps its rate`);
      // The consumer is the bottleneck: at most its 500/s (less when a loaded machine starves it).
      expect(worker, `${side}: worker delivers its capacity`).toBeLessThan(1.15 * 500);
      expect(worker, `${side}: worker delivers its capacity`).toBeGreaterThan(0.6 * 500);
      expectNear(drops, source - worker, 0.15, `${side}: drop rate = offered − delivered`);
      expect(shed.fullShare(`${side}-queue`), `${side}: queue stays full`).toBeGreaterThanOrEqual(0.8);
      shedRates[side] = [worker, drops];
      expect(
        shed.nodeMean(`${side}-source`, (n) => n.backpressured),
        `${side}: source blocked`,
      ).toBeLessThan(0.1);
      Object.assign(measured, { [`${side}SourcePerS`]: round(source), [`${side}DropsPerS`]: round(drops) });
    }

    // Step 2: survivors of drop-newest waited through the whole queue; of drop-oldest, a quarter of
    // it (64 / 2,000 per s = 32 ms, plus the 2 ms of service).
    const newestMs = shed.shown('newest-sink', e2eP50);
    const oldestMs = shed.shown('oldest-sink', e2eP50);
    expectNear(newestMs, 64 / 0.5, 0.35, 'drop-newest sink e2e p50 ≈ 64 / 500 per s (ms)');
    expectNear(oldestMs, 35, 0.5, 'drop-oldest sink e2e p50 ≈ 64 / 2,000 per s (ms)');
    expect(newestMs, 'drop-newest survivors are older').toBeGreaterThan(2.5 * oldestMs);

    // Step 3: 512 slots: the sinks' latencies scale with capacity, throughput and drops do not
    // move. The sinks report their last second: wait until its items all waited through the full
    // 512 slots (drop-newest: ≈1 s in the queue, plus a second of arrivals).
    lesson.applyStep(bigger!);
    await lesson.watch(2200);
    const deep = await lesson.watch(500);
    const newestDeepMs = deep.shown('newest-sink', e2eP50);
    const oldestDeepMs = deep.shown('oldest-sink', e2eP50);
    expectNear(newestDeepMs, 512 / 0.5, 0.35, 'drop-newest sink e2e p50 ≈ 512 / 500 per s (ms)');
    expectNear(oldestDeepMs, 512 / 2, 0.35, 'drop-oldest sink e2e p50 ≈ 512 / 2,000 per s (ms)');
    for (const side of ['newest', 'oldest']) {
      const [worker, drops] = shedRates[side]!;
      expectNear(deep.shown(`${side}-worker`, outRate), worker, 0.15, `${side}: throughput unchanged`);
      const deepDrops = median(deep.edges(`${side}-queue`).map((e) => e.dropRate ?? 0));
      expectNear(deepDrops, drops, 0.15, `${side}: drop rate unchanged`);
    }

    // Step 4: block instead: the drops stop and the source slows to the worker.
    lesson.applyStep(block!);
    await lesson.watch(1000);
    const blocked = await lesson.watch(1000);
    expect(blocked.dropRate('newest-queue'), 'drops after switching to block').toBe(0);
    const slowed = blocked.shown('newest-source', outRate);
    // Little's law on the full blocking queue (drop-oldest evicts from inside: its leavers are not all its items).
    expectLittle(blocked.frames, 'newest-queue');
    expectNear(slowed, 500, 0.15, 'source out-rate slowed to the worker');
    expect(
      blocked.nodeMean('newest-source', (n) => n.backpressured),
      'source blocked',
    ).toBeGreaterThan(0.5);

    return {
      ...measured,
      newestE2eP50Ms: newestMs,
      oldestE2eP50Ms: oldestMs,
      newestE2eP50MsAt512: newestDeepMs,
      oldestE2eP50MsAt512: oldestDeepMs,
      newestSourcePerSBlocking: round(slowed),
    };
  });
}
