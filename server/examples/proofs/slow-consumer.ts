import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, round, withLesson } from '../lesson-harness.js';

//   source (2,000/s) ──[queue: 64, block]──▶ worker (2 ms = 500/s) ──▶ sink

export function proveSlowConsumer(example: Example): Promise<Measured> {
  return withLesson(example, { keep: ['sink'] }, async (lesson) => {
    const [, bigger, faster, slower] = example.lesson.steps;
    await lesson.watch(400);

    // Step 1: the queue is full, the source runs at the worker's pace, nothing is lost or piled up.
    const full = await lesson.watch(1200);
    const worker = full.rate('worker');
    const source = full.acceptedRate('queue');
    expect(full.fullShare('queue'), 'share of frames with the queue ≥ 90 % full').toBeGreaterThanOrEqual(0.8);
    expectNear(worker, 500, 0.15, 'worker rate');
    expectNear(source, worker, 0.15, 'source rate vs worker rate');
    expect(
      full.nodeMean('worker', (n) => n.busy),
      'worker busy',
    ).toBeGreaterThan(0.9);
    const sourceBlocked = full.nodeMean('source', (n) => n.backpressured);
    expect(sourceBlocked, 'source backpressured').toBeGreaterThan(0.5);
    const waitedMs = full.e2e('sink', 50);
    expectNear(waitedMs, 64 / 0.5, 0.35, 'e2e p50 ≈ capacity / rate (ms)');

    // Step 2: 512 slots, same throughput, eight times the wait.
    lesson.applyStep(bigger!);
    await lesson.watch(1400); // 0.35 s to fill 512 slots, then 1 s until items have waited through them
    const deep = await lesson.watch(500);
    expectNear(deep.rate('worker'), 500, 0.15, 'worker rate with 512 slots');
    const deepWaitMs = deep.e2e('sink', 50);
    expect(deepWaitMs, 'e2e p50 with 512 slots').toBeGreaterThan(5 * waitedMs);
    expect(deep.last.edges.queue!.oldestAgeMs, 'oldest queued item age (ms)').toBeGreaterThan(700);

    // Step 3: a faster worker, and the source follows it.
    lesson.applyStep(faster!);
    await lesson.watch(500); // so that the edge's ≈1 s inRate window starts after the change
    const quick = await lesson.watch(700);
    expectNear(quick.rate('worker'), 1000, 0.15, 'worker rate at 1 ms');
    expectNear(quick.acceptedRate('queue'), quick.rate('worker'), 0.15, 'source follows the faster worker');

    // Step 4: a source slower than the worker: nothing to push back on.
    lesson.applyStep(slower!);
    await lesson.watch(900); // 512 queued items drain at 1,000 − 400 per s
    const calm = await lesson.watch(500);
    expectNear(calm.rate('source'), 400, 0.1, 'source at its own 400/s');
    expect(
      calm.nodeMean('source', (n) => n.backpressured),
      'source backpressured',
    ).toBeLessThan(0.1);
    const calmMs = calm.e2e('sink', 50);
    expect(calmMs, 'e2e p50 once drained (ms)').toBeLessThan(20);
    const settled = calm.edges('queue').slice(-5);
    expect(Math.max(...settled.map((e) => e.depth)), 'queue depth, drained').toBeLessThan(16);

    // Memory stays flat: no queue ever held more than its capacity, and nothing was dropped.
    for (const f of lesson.frames) expect(f.edges.queue!.depth).toBeLessThanOrEqual(f.edges.queue!.capacity);
    expect(lesson.run.totals().dropped).toBe(0);

    return {
      queueFullShare: round(full.fullShare('queue'), 2),
      sourcePerS: round(source),
      workerPerS: round(worker),
      sourceBackpressured: round(sourceBlocked, 2),
      e2eP50Ms: waitedMs,
      e2eP50MsAt512: deepWaitMs,
      workerPerSAt1ms: round(quick.rate('worker')),
      sourcePerSAt400: round(calm.rate('source')),
      e2eP50MsAt400: calmMs,
    };
  });
}
