import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, round, withLesson } from '../lesson-harness.js';
import { expectLittle } from '../little.js';

//   source (1,500/s) ──[queue: 64]──▶ worker (4 ms, concurrency 1 → 2 → 4 → 8) ──▶ sink

export function proveWorkerPool(example: Example): Promise<Measured> {
  return withLesson(example, { keep: ['sink'] }, async (lesson) => {
    const [, two, four, eight] = example.lesson.steps;
    const measure = async () => {
      const span = await lesson.watch(1000);
      // As the canvas shows them: the worker's out-rate and the sink's e2e p50 (≈1 s windows).
      return {
        span,
        rate: span.shown('worker', (n) => n.outRate),
        p50: span.shown('sink', (n) => n.e2eP50Ms),
        sourceBlocked: span.nodeMean('source', (n) => n.backpressured),
      };
    };
    const after = async (step: NonNullable<typeof two>) => {
      lesson.applyStep(step);
      await lesson.watch(1000); // the queue adjusts in well under that; the ≈1 s windows take this
      return measure();
    };
    await lesson.watch(1000);
    const c1 = await measure();
    const c2 = await after(two!);
    const c4 = await after(four!);
    const c8 = await after(eight!);

    // Throughput grows with the pool while the worker is the bottleneck …
    expectNear(c1.rate, 250, 0.15, 'concurrency 1');
    expectNear(c2.rate, 500, 0.15, 'concurrency 2');
    expect(c4.rate, 'concurrency 4 vs 1').toBeGreaterThanOrEqual(3 * c1.rate);
    for (const c of [c1, c2, c4]) {
      expect(c.span.fullShare('queue'), 'queue full while the worker is the limit').toBeGreaterThan(0.8);
      expect(c.sourceBlocked, 'source backpressured while the worker is the limit').toBeGreaterThan(0.2);
      // Little's law on the full queue. Not at concurrency 8: there items wait about a lane's timer
      // tick in a queue the sampler, waking on a tick too, finds empty; a snapshot cannot see that.
      expectLittle(c.span.frames, 'queue');
    }
    // … until the source is the limit: 8 lanes could do 2,000/s, only 1,500/s arrive.
    expectNear(c8.rate, 1500, 0.1, 'concurrency 8 = the source rate');
    expect(c8.sourceBlocked, 'source no longer backpressured').toBeLessThan(0.15);
    expect(Math.max(...c8.span.edges('queue').map((e) => e.depth)), 'queue at concurrency 8').toBeLessThan(
      32,
    );
    // Latency falls with each doubling, then flattens at about the service time.
    expect(c2.p50, 'e2e p50 at 2 vs 1').toBeLessThan(0.7 * c1.p50);
    expect(c4.p50, 'e2e p50 at 4 vs 2').toBeLessThan(0.7 * c2.p50);
    expect(c8.p50, 'e2e p50 at 8 (ms)').toBeLessThan(20);

    return {
      perSAt1: round(c1.rate),
      perSAt2: round(c2.rate),
      perSAt4: round(c4.rate),
      perSAt8: round(c8.rate),
      e2eP50MsAt1: c1.p50,
      e2eP50MsAt2: c2.p50,
      e2eP50MsAt4: c4.p50,
      e2eP50MsAt8: c8.p50,
    };
  });
}
