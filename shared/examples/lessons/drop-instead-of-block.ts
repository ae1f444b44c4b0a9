import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

export const dropInsteadOfBlock: Example = {
  id: 'drop-instead-of-block',
  title: 'Drop instead of block',
  summary:
    'The slow consumer again (2,000 items/s into a 500/s worker), twice: one queue drops the newest item when full, the other drops the oldest.\n' +
    'Both sources keep their full rate and the drops are counted; what is lost, and how old the survivors are, differs.',
  lesson: {
    steps: [
      {
        look: 'The two sources’ rates and the drop counters on the two queue edges.',
        change: 'Nothing yet: let it run for a few seconds.',
        see: 'Both sources send 2,000 items/s and are never backpressured. Both workers deliver 500/s; each queue drops about 1,500 items/s and stays full.',
        why: 'With a drop policy a full queue never makes the producer wait: the overflow is discarded and counted instead. Backpressure stops at the queue; load shedding takes its place.',
      },
      {
        look: 'The end-to-end latency (p50) of the two sinks.',
        change: 'Compare the two sinks.',
        see: 'Items that survive drop-newest are about 130 ms old when they arrive; items that survive drop-oldest about 35 ms.',
        why: 'Drop-newest keeps the 64 items that were first in and turns away new arrivals, so every delivered item waited through the whole queue at the worker’s pace (64 / 500 per s). Drop-oldest evicts from the head, so the queue turns over at the arrival rate (64 / 2,000 per s): the survivors are the freshest items. Keep the oldest when every item matters in order (a backlog); keep the newest when only the latest value matters (sensor readings, prices, positions).',
      },
      {
        look: 'Both sinks’ latency again.',
        change: 'Raise both queues’ capacity from 64 to 512.',
        see: 'Drop-newest latency grows to about 1 s; drop-oldest to about 250 ms. Throughput and drop rates do not change.',
        why: 'The queue is always full, so the time an item spends in it is capacity / the rate items leave the head: the worker’s 500/s for drop-newest, the arrivals’ 2,000/s for drop-oldest.',
        patch: { edges: { 'newest-queue': { capacity: 512 }, 'oldest-queue': { capacity: 512 } } },
      },
      {
        look: 'The upper source’s rate.',
        change: 'Switch the drop-newest queue’s overflow to block.',
        see: 'Its drops stop and its source slows to 500/s, backpressured, as in the slow-consumer lesson.',
        why: 'Block, drop-newest and drop-oldest are three answers to the same question: what happens when a queue is full.',
        patch: { edges: { 'newest-queue': { overflow: 'block' } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Drop instead of block',
    nodes: [
      node('newest-source', 'generator', 0, 0, { rate: 2000 }),
      node('newest-worker', 'worker', 1, 0, { serviceTimeMs: 2 }),
      node('newest-sink', 'counter', 2, 0),
      node('oldest-source', 'generator', 0, 1, { rate: 2000 }),
      node('oldest-worker', 'worker', 1, 1, { serviceTimeMs: 2 }),
      node('oldest-sink', 'counter', 2, 1),
    ],
    edges: [
      edge('newest-queue', 'newest-source', 'newest-worker', { overflow: 'drop-newest' }),
      edge('newest-out', 'newest-worker', 'newest-sink'),
      edge('oldest-queue', 'oldest-source', 'oldest-worker', { overflow: 'drop-oldest' }),
      edge('oldest-out', 'oldest-worker', 'oldest-sink'),
    ],
  },
};
