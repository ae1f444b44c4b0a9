import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { expectNear, type Measured, round, withLesson } from '../lesson-harness.js';

//   newest-source (2,000/s) ──[newest-queue: 64, drop-newest]──▶ newest-worker (500/s) ──▶ newest-sink
//   oldest-source (2,000/s) ──[oldest-queue: 64, drop-oldest]──▶ oldest-worker (500/s) ──▶ oldest-sink

export function proveDropInsteadOfBlock(example: Example): Promise<Measured> {
  return withLesson(example, { keep: ['newest-sink', 'oldest-sink'] }, async (lesson) => {
    const [, , bigger, block] = example.lesson.steps;
    await lesson.watch(500);

    // Step 1: both sources keep their rate; the queues shed the excess and count it.
    const shed = await lesson.watch(1500);
    const measured: Measured = {};
    for (const side of ['newest', 'oldest']) {
      const source = shed.rate(`${side}-source`);
      const sink = shed.rate(`${side}-sink`);
      const drops = shed.dropRate(`${side}-queue`);
      expectNear(source, 2000, 0.1, `${side}: source keeps its rate`);
      // The consumer is the bottleneck: at most its 500/s (less when a loaded machine starves it).
      expect(sink, `${side}: worker delivers its capacity`).toBeLessThan(1.15 * 500);
      expect(sink, `${side}: worker delivers its capacity`).toBeGreaterThan(0.6 * 500);
      expectNear(drops, source - sink, 0.15, `${side}: drops/s = offered − delivered`);
      expect(
        shed.nodeMean(`${side}-source`, (n) => n.backpressured),
        `${side}: source blocked`,
      ).toBeLessThan(0.1);
      Object.assign(measured, { [`${side}SourcePerS`]: round(source), [`${side}DropsPerS`]: round(drops) });
    }

    // Step 2: survivors of drop-newest waited through the whole queue; of drop-oldest, a quarter of it.
    const newestMs = shed.e2e('newest-sink', 50);
    const oldestMs = shed.e2e('oldest-sink', 50);
    expectNear(newestMs, 64 / 0.5, 0.35, 'drop-newest e2e p50 ≈ 64 / 500 per s (ms)');
    expect(oldestMs, 'drop-oldest e2e p50 (ms)').toBeLessThan(64 / 2 + 20);
    expect(newestMs, 'drop-newest survivors are older').toBeGreaterThan(2.5 * oldestMs);

    // Step 3: 512 slots: the waits scale with capacity, throughput does not move.
    lesson.applyStep(bigger!);
    await lesson.watch(1300);
    const deep = lesson.frames.at(-1)!;
    const newestAge = deep.edges['newest-queue']!.oldestAgeMs;
    const oldestAge = deep.edges['oldest-queue']!.oldestAgeMs;
    expect(newestAge, 'drop-newest: oldest queued item (ms)').toBeGreaterThan(700);
    expectNear(oldestAge, 512 / 2, 0.35, 'drop-oldest: oldest queued item ≈ 512 / 2,000 per s (ms)');

    // Step 4: block instead: the drops stop and the source slows to the worker.
    lesson.applyStep(block!);
    await lesson.watch(300);
    const blocked = await lesson.watch(1000);
    expect(blocked.dropRate('newest-queue'), 'drops after switching to block').toBe(0);
    expectNear(blocked.acceptedRate('newest-queue'), 500, 0.15, 'source slowed to the worker');
    expect(
      blocked.nodeMean('newest-source', (n) => n.backpressured),
      'source blocked',
    ).toBeGreaterThan(0.5);

    return {
      ...measured,
      newestE2eP50Ms: newestMs,
      oldestE2eP50Ms: oldestMs,
      newestOldestAgeMsAt512: newestAge,
      oldestOldestAgeMsAt512: oldestAge,
      newestSourcePerSBlocking: round(blocked.acceptedRate('newest-queue')),
    };
  });
}
