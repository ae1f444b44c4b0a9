import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, round, withLesson } from '../lesson-harness.js';

//   closed-source (2,000/s, closed) ──[closed-queue: 64]──▶ closed-worker (500/s) ──▶ closed-sink
//   open-source   (2,000/s, open)   ──[open-queue: 64]────▶ open-worker   (500/s) ──▶ open-sink

export function proveOpenVsClosedLoop(example: Example): Promise<Measured> {
  return withLesson(example, { keep: ['closed-sink', 'open-sink'] }, async (lesson) => {
    const [, , under, over] = example.lesson.steps;
    const rejected = (f: { nodes: Record<string, { rejected?: number }> }) =>
      f.nodes['open-source']!.rejected!;
    await lesson.watch(400);

    // Step 1: the closed loop slows down; the open loop keeps its schedule and rejects.
    const overload = await lesson.watch(1500);
    const closed = overload.acceptedRate('closed-queue');
    const open = overload.rate('open-source');
    const rejections = overload.steadyPerSecond(rejected);
    expectNear(closed, 500, 0.15, 'closed-loop source at the worker’s pace');
    expect(overload.last.nodes['closed-source']!.rejected, 'closed loop rejects nothing').toBe(0);
    expect(
      overload.nodeMean('closed-source', (n) => n.backpressured),
      'closed source blocked',
    ).toBeGreaterThan(0.5);
    expectNear(open, 2000, 0.1, 'open-loop source keeps its schedule');
    expectNear(rejections, 1500, 0.15, 'open loop rejects the excess');
    expect(
      overload.nodeMean('open-source', (n) => n.backpressured),
      'open source blocked',
    ).toBeLessThan(0.1);

    // Step 2: downstream the two look alike.
    for (const side of ['closed', 'open']) {
      expectNear(overload.rate(`${side}-sink`), 500, 0.15, `${side}: delivered`);
      expect(overload.fullShare(`${side}-queue`), `${side}: queue full`).toBeGreaterThan(0.8);
      expectNear(overload.e2e(`${side}-sink`, 50), 128, 0.35, `${side}: e2e p50 (ms)`);
    }

    // Step 3: under capacity, no rejections.
    lesson.applyStep(under!);
    await lesson.watch(400);
    const calm = await lesson.watch(800);
    expect(calm.perSecond(rejected), 'rejections at 400/s').toBe(0);

    // Step 4: 20 % over: one item in six is turned away once the queue has filled.
    lesson.applyStep(over!);
    await lesson.watch(900);
    const slight = await lesson.watch(1000);
    const slightRejections = slight.steadyPerSecond(rejected);
    expectNear(slightRejections, 100, 0.35, 'rejections at 600/s');

    return {
      closedSourcePerS: round(closed),
      openSourcePerS: round(open),
      openRejectedPerS: round(rejections),
      openRejectedPerSAt600: round(slightRejections),
    };
  });
}
