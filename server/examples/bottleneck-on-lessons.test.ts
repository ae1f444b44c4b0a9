import { describe, expect, it } from 'vitest';
import {
  type Bottleneck,
  findBottlenecks,
  holdBottlenecks,
  shownBottleneck,
} from '../../shared/analysis/bottleneck.js';
import type { Example } from '../../shared/examples/example-schema.js';
import { EXAMPLES } from '../../shared/examples/gallery.js';
import { edge, node } from '../../shared/examples/layout.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { type LessonRun, withLesson } from './lesson-harness.js';

/**
 * The bottleneck finder (shared/analysis) on real telemetry: lesson graphs run on the real
 * runtime in this thread, and every frame of a steady stretch is judged the way the browser
 * judges it (with the frame before it).
 */

const example = (id: string) => {
  const found = EXAMPLES.find((e) => e.id === id);
  if (!found) throw new Error(`no example ${id}`);
  return found;
};

/**
 * Per node, the share of a steady stretch's frames after which the browser would show it as
 * the bottleneck (found with the frame before, held and confirmed as the telemetry store does),
 * and the last sentence shown.
 */
async function marks(lesson: LessonRun, example: Example, settleMs: number, watchMs: number) {
  const judge = (f: TelemetryFrame, previous: TelemetryFrame | undefined, held: Record<string, Bottleneck>) =>
    holdBottlenecks(held, findBottlenecks(f, example.graph.edges ?? [], previous), f);
  await lesson.watch(settleMs);
  const span = await lesson.watch(watchMs);
  // The settling frames build up the held state the browser would have by then.
  let held: Record<string, Bottleneck> = {};
  let previous: TelemetryFrame | undefined;
  for (const f of lesson.frames.slice(0, lesson.frames.indexOf(span.base) + 1)) {
    held = judge(f, previous, held);
    previous = f;
  }
  const counts: Record<string, number> = {};
  let sentence: string | undefined;
  for (const f of span.frames) {
    held = judge(f, previous, held);
    previous = f;
    for (const id of Object.keys(held)) {
      const shown = shownBottleneck(held, id);
      if (!shown) continue;
      counts[id] = (counts[id] ?? 0) + 1;
      sentence = shown.sentence;
    }
  }
  return {
    share: Object.fromEntries(Object.entries(counts).map(([id, n]) => [id, n / span.frames.length])),
    sentence,
  };
}

describe('findBottlenecks on running lessons', () => {
  //   source (2,000/s) ──queue [64, block]──▶ worker (2 ms = 500/s) ──▶ sink
  it('slow consumer: marks the worker, with the numbers it rests on', async () => {
    const ex = example('slow-consumer');
    const seen = await withLesson(ex, {}, (lesson) => marks(lesson, ex, 500, 1500));
    if (process.env.SLUICE_LESSON_REPORT) console.log('slow-consumer', seen);
    expect(seen.share.worker ?? 0, 'share of frames marking the worker').toBeGreaterThanOrEqual(0.8);
    expect(Object.keys(seen.share)).toEqual(['worker']);
    expect(seen.sentence).toMatch(
      /^worker is the bottleneck: [\d,.k]+ items\/s offered × [\d.]+ ms ÷ 1 lane = [\d.,]+ × what it can serve; (queue fills its 64 slots in [\d.]+ m?s at that rate, and )?source waits \d+% of its time for room in queue\.$/,
    );
  });

  //   source (2,000/s) ──queue [64, block]──▶ worker ×4 (2 ms: 4 × 500/s = 2,000/s) ──▶ sink
  it('a worker pool that keeps up with its source is busy, but not the bottleneck', async () => {
    const keepsUp: Example = {
      ...example('slow-consumer'),
      id: 'keeps-up',
      graph: {
        schemaVersion: 1,
        name: 'keeps up',
        nodes: [
          node('source', 'generator', 0, 0, { rate: 1600 }),
          node('worker', 'worker', 1, 0, { serviceTimeMs: 2, concurrency: 4 }),
          node('sink', 'counter', 2, 0),
        ],
        edges: [edge('queue', 'source', 'worker'), edge('out', 'worker', 'sink')],
      },
    };
    const seen = await withLesson(keepsUp, {}, (lesson) => marks(lesson, keepsUp, 500, 1500));
    if (process.env.SLUICE_LESSON_REPORT) console.log('keeps-up', seen);
    expect(seen.share.worker ?? 0, 'share of frames marking the worker').toBeLessThanOrEqual(0.1);
  });

  //   source (400/s) ──[cap 0]──▶ resize (2 ms) ──[cap 0]──▶ compress (2 ms) ──▶ sink, and the same buffered
  it('unbuffered vs buffered: stages with spare capacity are not called the bottleneck', async () => {
    const ex = example('unbuffered-vs-buffered');
    const seen = await withLesson(ex, {}, (lesson) => marks(lesson, ex, 500, 2000));
    if (process.env.SLUICE_LESSON_REPORT) console.log('unbuffered-vs-buffered', seen);
    for (const [id, share] of Object.entries(seen.share))
      expect(share, `share of frames marking ${id}`).toBeLessThanOrEqual(0.1);
  });
});
