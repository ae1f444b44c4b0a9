import { describe, expect, it } from 'vitest';
import type { Example } from '../../shared/examples/example-schema.js';
import { EXAMPLES } from '../../shared/examples/gallery.js';
import type { Measured } from './lesson-harness.js';
import { proveCreditBasedConsumer } from './proofs/credit-based-consumer.js';
import { proveDropInsteadOfBlock } from './proofs/drop-instead-of-block.js';
import { proveLogPipeline } from './proofs/log-pipeline.js';
import { proveOpenVsClosedLoop } from './proofs/open-vs-closed-loop.js';
import { proveQueueingTheory } from './proofs/queueing-theory.js';
import { proveRetryDeadLetter } from './proofs/retry-dead-letter.js';
import { proveSlowConsumer } from './proofs/slow-consumer.js';
import { proveTokenVsLeakyBucket } from './proofs/token-vs-leaky-bucket.js';
import { proveTwoLevelBuffer } from './proofs/two-level-buffer.js';
import { proveUnbufferedVsBuffered } from './proofs/unbuffered-vs-buffered.js';
import { proveWorkerPool } from './proofs/worker-pool.js';

/**
 * Each lesson's proof runs its graph on the real runtime (in this thread, real time), applies the
 * lesson's live changes as written, and checks from telemetry that every step shows what it says.
 * Tests in a file run one after another, so lessons never compete with each other for the CPU.
 */
const PROOFS: Record<string, (example: Example) => Promise<Measured>> = {
  'unbuffered-vs-buffered': proveUnbufferedVsBuffered,
  'slow-consumer': proveSlowConsumer,
  'drop-instead-of-block': proveDropInsteadOfBlock,
  'token-vs-leaky-bucket': proveTokenVsLeakyBucket,
  'worker-pool': proveWorkerPool,
  'two-level-buffer': proveTwoLevelBuffer,
  'credit-based-consumer': proveCreditBasedConsumer,
  'retry-dead-letter': proveRetryDeadLetter,
  'open-vs-closed-loop': proveOpenVsClosedLoop,
  'log-pipeline': proveLogPipeline,
  'queueing-theory': proveQueueingTheory,
};

describe('every lesson in the gallery shows what it teaches', () => {
  it('has a proof for each lesson, and no proof without a lesson', () => {
    expect(Object.keys(PROOFS).sort()).toEqual(EXAMPLES.map((e) => e.id).sort());
  });

  for (const example of EXAMPLES) {
    it(
      `${example.id}: ${example.title}`,
      async () => {
        const prove = PROOFS[example.id];
        if (!prove) throw new Error(`no proof for lesson ${example.id}`);
        const measured = await prove(example);
        if (process.env.SLUICE_LESSON_REPORT) console.info(example.id, JSON.stringify(measured));
      },
      // The queueing proof runs 35 minutes of fake time: CPU-bound, about 10 s, more on a loaded machine.
      example.id === 'queueing-theory' ? 120_000 : 20_000,
    );
  }
});
