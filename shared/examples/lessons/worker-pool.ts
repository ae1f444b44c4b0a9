import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

export const workerPool: Example = {
  id: 'worker-pool',
  title: 'Worker pool size vs throughput and latency',
  summary:
    'A source offers 1,500 items/s to a worker that needs 4 ms per item, with one item in service at a time (250/s).\n' +
    'Raise its concurrency 1 → 2 → 4 → 8: throughput grows with the pool until the source is the limit, and latency falls, then flattens.',
  lesson: {
    steps: [
      {
        look: 'The worker’s rate, the queue in front of it and the sink’s end-to-end latency.',
        change: 'Nothing yet: concurrency is 1.',
        see: 'The worker handles about 250 items/s and is busy all the time; the queue is full and the source is backpressured. Items wait about 250 ms end to end.',
        why: 'One lane at 4 ms per item can do 1000 / 4 = 250 items/s. The 64 queued items ahead of each new one take 64 / 250 s ≈ 256 ms to clear.',
      },
      {
        look: 'The worker’s rate and the latency.',
        change: 'Set the worker’s concurrency to 2.',
        see: 'Throughput doubles to about 500/s and latency halves to about 130 ms; the queue is still full.',
        why: 'Two lanes serve two items at once: capacity = concurrency / service time. While the worker is still the bottleneck, the queue stays full, but it empties twice as fast.',
        patch: { nodes: { worker: { concurrency: 2 } } },
      },
      {
        look: 'The same.',
        change: 'Set the concurrency to 4.',
        see: 'About 1,000/s, four times the single worker, and about 65 ms of latency.',
        why: 'Throughput scales linearly with the pool as long as there is work queued for every lane.',
        patch: { nodes: { worker: { concurrency: 4 } } },
      },
      {
        look: 'The source’s busy/idle/backpressured bar, the queue, and the worker’s busy share.',
        change: 'Set the concurrency to 8.',
        see: 'Throughput reaches the source’s 1,500/s and stops there. The queue empties, the source is no longer backpressured, the worker is no longer busy all the time, and latency drops to about the 4 ms service time.',
        why: 'Eight lanes could do 2,000/s, but only 1,500/s arrive: now the source is the bottleneck. Past this point more workers only add idle lanes; latency cannot go below the service time itself.',
        patch: { nodes: { worker: { concurrency: 8 } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Worker pool size vs throughput and latency',
    nodes: [
      node('source', 'generator', 0, 0, { rate: 1500 }),
      node('worker', 'worker', 1, 0, { serviceTimeMs: 4, concurrency: 1 }),
      node('sink', 'counter', 2, 0),
    ],
    edges: [edge('queue', 'source', 'worker'), edge('out', 'worker', 'sink')],
  },
};
