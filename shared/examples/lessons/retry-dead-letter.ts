import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

export const retryDeadLetter: Example = {
  id: 'retry-dead-letter',
  title: 'Retry with backoff, and a dead letter',
  summary:
    'A flaky worker fails 30 % of its attempts; each failed item is retried up to 3 attempts in all, with exponential backoff, and what still fails goes out of its error port to a dead-letter sink.\n' +
    'Retries rescue most items but add latency; the few that fail three times land in the dead letter instead of failing the run.',
  lesson: {
    steps: [
      {
        look: 'The worker’s error count and the dead-letter sink.',
        change: 'Nothing yet: let it run for a few seconds.',
        see: 'About 3 % of the items (0.3³ ≈ 2.7 %) reach the dead-letter sink, and the worker’s error count equals the dead-letter count; the rest reach the sink.',
        why: 'An item is given up only after all 3 attempts have failed. With errorPolicy retry and the error port connected, it then leaves through that port (dead letter) instead of failing the run; with nothing connected it would be counted and skipped.',
      },
      {
        look: 'The worker’s processing time, p50 against p99.',
        change: 'Compare p50 and p99.',
        see: 'p50 is about the 2 ms service time, p99 is tens of ms.',
        why: 'Most items succeed at the first attempt. A retried item waits 20 ms (then 40 ms) of backoff, halved at random (jitter, so the retries of a burst spread out), and the lane serving it is held meanwhile, so the items behind it wait too.',
      },
      {
        look: 'The dead-letter sink and the worker’s p99.',
        change: 'Set the worker’s failure rate to 0.',
        see: 'The dead-letter count stops growing and p99 falls to about the service time.',
        why: 'No failures, no retries: the whole latency tail was retry backoff.',
        patch: { nodes: { worker: { failureRate: 0 } } },
      },
      {
        look: 'The queue in front of the worker and the source’s rate.',
        change: 'Set the failure rate to 0.7.',
        see: 'The queue fills and the source slows to about 270 items/s, backpressured; about a third of the items (0.7³) go to the dead letter.',
        why: 'Retries are extra work: an item now costs about 30 ms of lane time on average, so 8 lanes manage about 270/s. Under a heavy failure rate, retries turn a healthy worker into the bottleneck, which is why real clients cap retries and back off.',
        patch: { nodes: { worker: { failureRate: 0.7 } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Retry with backoff, and a dead letter',
    nodes: [
      node('source', 'generator', 0, 0, { rate: 400 }),
      node('worker', 'worker', 1, 0, {
        serviceTimeMs: 2,
        concurrency: 8,
        failureRate: 0.3,
        errorPolicy: 'retry',
        retry: { attempts: 3, baseMs: 20, maxMs: 200 },
      }),
      node('sink', 'counter', 2, 0),
      node('dead-letter', 'counter', 2, 1),
    ],
    edges: [
      edge('queue', 'source', 'worker'),
      edge('out', 'worker', 'sink'),
      edge('failed', 'worker', 'dead-letter', { sourcePort: 'error' }),
    ],
  },
};
