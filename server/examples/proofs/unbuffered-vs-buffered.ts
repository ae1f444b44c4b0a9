import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, round, type Span, withLesson } from '../lesson-harness.js';

//   unbuffered-source (poisson 400/s) ─[0]─▶ unbuffered-resize (exp. 2 ms) ─[0]─▶ unbuffered-compress ──▶ sink
//   buffered-source   (poisson 400/s) ─[64]▶ buffered-resize   (exp. 2 ms) ─[64]▶ buffered-compress   ──▶ sink

/*
 * No Little's-law check here (issue 18 asks for one on each lesson's steady queues): none is
 * steady. The unbuffered edges hold nothing (capacity 0: 0 = λ × 0 says nothing), and the buffered
 * ones (and step 3's 8 slots) are small queues that wander: poisson arrivals into exponential
 * 2 ms service at ρ ≈ 0.8 hold a few items that come and go, which the real clock's 100 ms
 * snapshots cannot average (see server/examples/little.ts; the fake-clock tests of meanWaitMs
 * check the law on such queues).
 */
export function proveUnbufferedVsBuffered(example: Example): Promise<Measured> {
  return withLesson(example, {}, async (lesson) => {
    const [, , toEight] = example.lesson.steps;
    // Delivered rates as the sinks' cards show them (in-rate over ≈1 s, frames at 10 Hz).
    const delivered = (span: Span, sink: string) => span.shown(sink, (n) => n.inRate);
    await lesson.watch(1000);

    // Steps 1–2: the rendezvous costs throughput; its producer waits on the edge, the buffered one never does.
    const before = await lesson.watch(2000);
    const unbuffered = delivered(before, 'unbuffered-sink');
    const buffered = delivered(before, 'buffered-sink');
    expectNear(buffered, 400, 0.15, 'buffered pipeline delivers the source rate');
    expectNear(unbuffered, 270, 0.2, 'unbuffered pipeline delivers about 270/s');
    const blockedUnbuffered = before.nodeMean('unbuffered-source', (n) => n.backpressured);
    const blockedBuffered = before.nodeMean('buffered-source', (n) => n.backpressured);
    expect(blockedUnbuffered, 'unbuffered source blocked').toBeGreaterThan(0.1);
    expect(blockedBuffered, 'buffered source blocked').toBeLessThan(Math.min(0.15, 0.3 * blockedUnbuffered));
    for (const id of ['unbuffered-in', 'unbuffered-between']) {
      expect(Math.max(...before.edges(id).map((e) => e.depth)), `${id} holds nothing`).toBe(0);
    }
    const resizeBlocked = before.nodeMean('unbuffered-resize', (n) => n.backpressured);
    expect(resizeBlocked, 'the first unbuffered stage blocked by the second').toBeGreaterThan(0.1);
    const idleUnbuffered = before.nodeMean('unbuffered-compress', (n) => n.idle);
    expect(idleUnbuffered, 'the last unbuffered stage idle meanwhile').toBeGreaterThan(0.25);

    // Step 3: eight slots per edge recover most of the loss; the buffered pipeline is the control.
    lesson.applyStep(toEight!);
    await lesson.watch(1000);
    const after = await lesson.watch(2000);
    const withEight = delivered(after, 'unbuffered-sink');
    const blockedWithEight = after.nodeMean('unbuffered-source', (n) => n.backpressured);
    // (a poisson source's own count varies by several % over 2 s, hence 20 %)
    expectNear(withEight, 400, 0.2, 'capacity 8: about the 400/s the source offers');
    expect(withEight, 'capacity 8 vs capacity 0').toBeGreaterThan(1.2 * unbuffered);
    expect(blockedWithEight, 'source with 8 slots blocked').toBeLessThan(0.15);
    expectNear(delivered(after, 'buffered-sink'), 400, 0.15, 'the control still delivers the source rate');

    return {
      unbufferedPerS: round(unbuffered),
      bufferedPerS: round(buffered),
      unbufferedSourceBlocked: round(blockedUnbuffered, 2),
      bufferedSourceBlocked: round(blockedBuffered, 2),
      unbufferedResizeBlocked: round(resizeBlocked, 2),
      unbufferedCompressIdle: round(idleUnbuffered, 2),
      capacity8PerS: round(withEight),
      capacity8SourceBlocked: round(blockedWithEight, 2),
    };
  });
}
