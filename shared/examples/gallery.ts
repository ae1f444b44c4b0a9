import type { Example } from './example-schema.js';
import { creditBasedConsumer } from './lessons/credit-based-consumer.js';
import { dropInsteadOfBlock } from './lessons/drop-instead-of-block.js';
import { logPipeline } from './lessons/log-pipeline.js';
import { openVsClosedLoop } from './lessons/open-vs-closed-loop.js';
import { queueingTheory } from './lessons/queueing-theory.js';
import { retryDeadLetter } from './lessons/retry-dead-letter.js';
import { slowConsumer } from './lessons/slow-consumer.js';
import { tokenVsLeakyBucket } from './lessons/token-vs-leaky-bucket.js';
import { twoLevelBuffer } from './lessons/two-level-buffer.js';
import { unbufferedVsBuffered } from './lessons/unbuffered-vs-buffered.js';
import { workerPool } from './lessons/worker-pool.js';

/**
 * The teaching gallery, in teaching order (`GET /api/examples`). Every entry is proved by a test
 * that runs it on the real runtime and checks, from telemetry, that each step shows what it says
 * (`server/examples/lessons.test.ts`); a lesson without a passing proof does not belong here.
 */
export const EXAMPLES: readonly Example[] = [
  unbufferedVsBuffered,
  slowConsumer,
  dropInsteadOfBlock,
  tokenVsLeakyBucket,
  workerPool,
  twoLevelBuffer,
  creditBasedConsumer,
  retryDeadLetter,
  openVsClosedLoop,
  logPipeline,
  queueingTheory,
];
