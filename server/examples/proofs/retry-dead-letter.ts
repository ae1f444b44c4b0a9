import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, round, withLesson } from '../lesson-harness.js';

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

    // Step 2: retries put a long tail on latency.
    const p50 = first.e2e('sink', 50);
    const p99 = first.e2e('sink', 99);
    expect(p50, 'e2e p50 (ms) ≈ the service time').toBeLessThan(10);
    expect(p99, 'e2e p99 (ms) includes the backoff').toBeGreaterThan(15);
    expect(f.nodes.worker!.p99Ms, 'worker p99 (ms)').toBeGreaterThan(5 * f.nodes.worker!.p50Ms);

    // Step 3: no failures, no retries: the tail disappears and the dead letter stops.
    lesson.applyStep(healthy!);
    await lesson.watch(300);
    const deadBefore = deadLetters();
    const calm = await lesson.watch(1000);
    expect(deadLetters() - deadBefore, 'new dead letters').toBe(0);
    const calmP99 = calm.e2e('sink', 99);
    expect(calmP99, 'e2e p99 without failures (ms)').toBeLessThan(Math.min(25, 0.5 * p99));

    // Step 4: 70 % failures: retries eat the pool, the queue fills, the source slows.
    lesson.applyStep(flaky!);
    await lesson.watch(600);
    const overloaded = await lesson.watch(1400);
    const source = overloaded.acceptedRate('queue');
    expect(overloaded.fullShare('queue'), 'queue full under retries').toBeGreaterThan(0.7);
    expect(source, 'source slowed by retry work').toBeLessThan(0.85 * 400);
    const processed = (id: string) => overloaded.perSecond((x) => x.nodes[id]!.processed);
    const flakyShare = processed('dead-letter') / processed('worker');
    expect(flakyShare, 'dead-letter share at 70 % (0.7³ = 0.34)').toBeGreaterThan(0.2);
    expect(flakyShare).toBeLessThan(0.5);

    return {
      emitted,
      deadLetters: dead,
      deadLetterShare: round(share, 3),
      e2eP50Ms: p50,
      e2eP99Ms: p99,
      e2eP99MsNoFailures: calmP99,
      sourcePerSAt70pct: round(source),
      deadLetterShareAt70pct: round(flakyShare, 3),
    };
  });
}
