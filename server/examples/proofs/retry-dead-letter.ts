import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, round, withLesson } from '../lesson-harness.js';
import { expectLittle } from '../little.js';

//   source (400/s) ──[queue]──▶ worker (2 ms × 8, fails 30 %, retry 3 attempts, 20 ms backoff)
//                                 ├─out───▶ sink
//                                 └─error─▶ dead-letter

export function proveRetryDeadLetter(example: Example): Promise<Measured> {
  return withLesson(example, { keep: ['sink'] }, async (lesson) => {
    const [, , healthy, flaky] = example.lesson.steps;
    const deadLetters = () => lesson.frames.at(-1)!.nodes['dead-letter']!.processed;

    // Step 1: ~0.3³ of the items give up after three attempts and leave through the error port.
    const first = await lesson.watch(2300);
    const f = first.last;
    const emitted = f.nodes.source!.processed;
    const dead = f.nodes['dead-letter']!.processed;
    const errors = f.nodes.worker!.errors;
    expect(lesson.run.status, 'failures do not fail the run').toBe('running');
    expect(dead, 'dead letters = the worker’s errors (a few may be in flight)').toBeLessThanOrEqual(errors);
    expect(dead).toBeGreaterThanOrEqual(errors - 3);
    const share = dead / emitted;
    expect(share, 'dead-letter share (0.3³ = 0.027)').toBeGreaterThan(0.008);
    expect(share, 'dead-letter share (0.3³ = 0.027)').toBeLessThan(0.06);
    expectNear(
      first.rate('sink') + first.perSecond((x) => x.nodes['dead-letter']!.processed),
      400,
      0.1,
      'every item ends in one of the two sinks',
    );

    // Step 2: retries put a long tail on the worker's processing time (its p50 / p99, as the
    // inspector shows them, over the last ≈1 s).
    const p50 = first.shown('worker', (n) => n.p50Ms);
    const p99 = first.shown('worker', (n) => n.p99Ms);
    expect(p50, 'worker p50 (ms) ≈ the 2 ms service time').toBeLessThan(5);
    expect(p99, 'worker p99 (ms): tens of ms of backoff').toBeGreaterThan(10);

    // Step 3: no failures, no retries: the tail disappears and the dead letter stops.
    lesson.applyStep(healthy!);
    await lesson.watch(300);
    const deadBefore = deadLetters();
    // The worker's percentiles are over whole seconds of the run: wait for one without failures.
    await lesson.watch(1700);
    const calm = await lesson.watch(500);
    expect(deadLetters() - deadBefore, 'new dead letters').toBe(0);
    const calmP99 = calm.shown('worker', (n) => n.p99Ms);
    expect(calmP99, 'worker p99 without failures (ms) ≈ the service time').toBeLessThan(5);

    // Step 4: 70 % failures: retries eat the pool, the queue fills, the source slows.
    lesson.applyStep(flaky!);
    await lesson.watch(1200); // the queue fills, then a second of the slower pace
    const overloaded = await lesson.watch(1400);
    expectLittle(overloaded.frames, 'queue');
    const source = overloaded.shown('source', (n) => n.outRate);
    expect(overloaded.fullShare('queue'), 'queue full under retries').toBeGreaterThan(0.7);
    expectNear(source, 270, 0.15, 'source out-rate slowed by retry work');
    const processed = (id: string) => overloaded.perSecond((x) => x.nodes[id]!.processed);
    const flakyShare = processed('dead-letter') / processed('worker');
    expect(flakyShare, 'dead-letter share at 70 % (0.7³ = 0.34)').toBeGreaterThan(0.2);
    expect(flakyShare).toBeLessThan(0.5);

    return {
      emitted,
      deadLetters: dead,
      deadLetterShare: round(share, 3),
      workerP50Ms: p50,
      workerP99Ms: p99,
      workerP99MsNoFailures: calmP99,
      sourcePerSAt70pct: round(source),
      deadLetterShareAt70pct: round(flakyShare, 3),
    };
  });
}
