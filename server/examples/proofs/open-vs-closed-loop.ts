import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, round, withLesson } from '../lesson-harness.js';
import { expectLittle } from '../little.js';

//   closed-source (2,000/s, closed) ──[closed-queue: 64]──▶ closed-worker (500/s) ──▶ closed-sink
//   open-source   (2,000/s, open)   ──[open-queue: 64]────▶ open-worker   (500/s) ──▶ open-sink

export function proveOpenVsClosedLoop(example: Example): Promise<Measured> {
  return withLesson(example, { keep: ['closed-sink', 'open-sink'] }, async (lesson) => {
    const [, , under, over] = example.lesson.steps;
    const rejected = (f: { nodes: Record<string, { rejected?: number }> }) =>
      f.nodes['open-source']!.rejected!;
    // Rates and latencies as the canvas shows them (node out-rates, sink in-rate and e2e p50,
    // ≈1 s windows at 10 Hz): the first second fills those windows.
    await lesson.watch(1000);

    // Step 1: the closed loop slows down; the open loop keeps its schedule and rejects.
    const overload = await lesson.watch(1500);
    for (const id of ['closed-queue', 'open-queue']) expectLittle(overload.frames, id);
    const closed = overload.shown('closed-source', (n) => n.outRate);
    // The open source makes 2,000/s (its processed count) but sends only what the queue takes: its
    // out-rate shows 500/s and the rest is in its rejected count.
    const open = overload.rate('open-source');
    const openOut = overload.shown('open-source', (n) => n.outRate);
    const rejections = overload.steadyPerSecond(rejected);
    expectNear(closed, 500, 0.15, 'closed-loop source at the worker’s pace');
    expect(overload.last.nodes['closed-source']!.rejected, 'closed loop rejects nothing').toBe(0);
    expect(
      overload.nodeMean('closed-source', (n) => n.backpressured),
      'closed source blocked',
    ).toBeGreaterThan(0.5);
    expectNear(open, 2000, 0.1, 'open-loop source keeps its schedule (processed/s)');
    expectNear(openOut, 500, 0.15, 'open-loop source out-rate: what the queue took');
    expectNear(rejections, 1500, 0.15, 'open loop rejects the excess');
    expect(
      overload.nodeMean('open-source', (n) => n.backpressured),
      'open source blocked',
    ).toBeLessThan(0.1);

    // Step 2: downstream the two look alike.
    for (const side of ['closed', 'open']) {
      expectNear(
        overload.shown(`${side}-sink`, (n) => n.inRate),
        500,
        0.15,
        `${side}: delivered`,
      );
      expect(overload.fullShare(`${side}-queue`), `${side}: queue full`).toBeGreaterThan(0.8);
      const p50 = overload.shown(`${side}-sink`, (n) => n.e2eP50Ms);
      expectNear(p50, 128, 0.35, `${side}: sink e2e p50 (ms)`);
    }

    // Step 3: under capacity, no rejections.
    lesson.applyStep(under!);
    await lesson.watch(400);
    const calm = await lesson.watch(800);
    expect(calm.perSecond(rejected), 'rejections at 400/s').toBe(0);

    // Step 4: 20 % over: one item in six is turned away once the queue has filled.
    const rejectedBefore = rejected(lesson.frames.at(-1)!);
    lesson.applyStep(over!);
    // The queue takes ≈640 ms of run time to fill at 100/s over; a loaded machine stretches that.
    // Measure from the first new rejection, not from a fixed wait that may end before it.
    await lesson.until('the open loop rejects again', (f) => rejected(f) > rejectedBefore, 5000);
    const slight = await lesson.watch(1000);
    const slightRejections = slight.steadyPerSecond(rejected);
    expectNear(slightRejections, 100, 0.35, 'rejections at 600/s');

    return {
      closedSourcePerS: round(closed),
      openSourcePerS: round(open),
      openSourceOutPerS: round(openOut),
      openRejectedPerS: round(rejections),
      openRejectedPerSAt600: round(slightRejections),
    };
  });
}
