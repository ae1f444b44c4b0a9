import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, round, withLesson } from '../lesson-harness.js';
import { expectLittle } from '../little.js';

//   source (2,000/s) ──[queue: 64, block]──▶ worker (2 ms = 500/s) ──▶ sink
//
// Rates are the nodes' out-rates and latency the sink's e2e p50, as the canvas shows them (≈1 s
// windows, frames at 10 Hz), so each wait below lets the windows cover the new state.

const outRate = (n: { outRate: number }) => n.outRate;
const e2eP50 = (n: { e2eP50Ms?: number }) => n.e2eP50Ms;

export function proveSlowConsumer(example: Example): Promise<Measured> {
  return withLesson(example, { keep: ['sink'] }, async (lesson) => {
    const [, bigger, faster, slower] = example.lesson.steps;
    await lesson.watch(1000);

    // Step 1: the queue is full, the source runs at the worker's pace, nothing is lost or piled up.
    const full = await lesson.watch(1200);
    const worker = full.shown('worker', outRate);
    const source = full.shown('source', outRate);
    expect(full.fullShare('queue'), 'share of frames with the queue ≥ 90 % full').toBeGreaterThanOrEqual(0.8);
    expectNear(worker, 500, 0.15, 'worker out-rate');
    expectNear(source, 500, 0.15, 'source out-rate');
    expect(
      full.nodeMean('worker', (n) => n.busy),
      'worker busy',
    ).toBeGreaterThan(0.9);
    const sourceBlocked = full.nodeMean('source', (n) => n.backpressured);
    // Little's law on the full queue: 64 ≈ 500/s × 128 ms.
    const little = expectLittle(full.frames, 'queue');
    expect(sourceBlocked, 'source backpressured').toBeGreaterThan(0.5);
    const waitedMs = full.shown('sink', e2eP50);
    expectNear(waitedMs, 64 / 0.5, 0.35, 'sink e2e p50 ≈ capacity / rate (ms)');

    // Step 2: 512 slots, same throughput, eight times the wait: about 1 s once the items the sink
    // reports on (its last second) all waited through the filled queue (0.35 s to fill, 1 s through).
    lesson.applyStep(bigger!);
    await lesson.watch(2000);
    const deep = await lesson.watch(500);
    expectNear(deep.shown('worker', outRate), 500, 0.15, 'worker out-rate with 512 slots');
    const deepWaitMs = deep.shown('sink', e2eP50);
    expectNear(deepWaitMs, 512 / 0.5, 0.35, 'sink e2e p50 with 512 slots (ms)');

    // Step 3: a faster worker, and the source follows it (the queue stays full).
    lesson.applyStep(faster!);
    await lesson.watch(1000);
    const quick = await lesson.watch(700);
    expectNear(quick.shown('worker', outRate), 1000, 0.15, 'worker out-rate at 1 ms');
    expectNear(quick.shown('source', outRate), 1000, 0.15, 'source out-rate follows the faster worker');
    expect(quick.fullShare('queue'), 'queue still full').toBeGreaterThanOrEqual(0.8);
    const littleQuick = expectLittle(quick.frames, 'queue');

    // Step 4: a source slower than the worker: nothing to push back on.
    lesson.applyStep(slower!);
    await lesson.watch(1500); // 512 queued items drain at 1,000 − 400 per s, then a clean second
    const calm = await lesson.watch(500);
    expectNear(calm.shown('source', outRate), 400, 0.1, 'source out-rate at its own 400/s');
    expect(
      calm.nodeMean('source', (n) => n.backpressured),
      'source backpressured',
    ).toBeLessThan(0.1);
    const calmMs = calm.shown('sink', e2eP50);
    expect(calmMs, 'sink e2e p50 once drained (ms)').toBeLessThan(20);
    const settled = calm.edges('queue').slice(-5);
    expect(Math.max(...settled.map((e) => e.depth)), 'queue depth, drained').toBeLessThan(16);

    // Memory stays flat: no queue ever held more than its capacity, and nothing was dropped.
    for (const f of lesson.frames) expect(f.edges.queue!.depth).toBeLessThanOrEqual(f.edges.queue!.capacity);
    expect(lesson.run.totals().dropped).toBe(0);

    return {
      queueFullShare: round(full.fullShare('queue'), 2),
      sourceOutPerS: round(source),
      workerOutPerS: round(worker),
      sourceBackpressured: round(sourceBlocked, 2),
      e2eP50Ms: waitedMs,
      e2eP50MsAt512: deepWaitMs,
      workerOutPerSAt1ms: round(quick.shown('worker', outRate)),
      sourceOutPerSAt400: round(calm.shown('source', outRate)),
      e2eP50MsAt400: calmMs,
      littleFull: `${little.depth} vs ${little.little}`,
      littleAt1ms: `${littleQuick.depth} vs ${littleQuick.little}`,
    };
  });
}
