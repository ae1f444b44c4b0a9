import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

export const slowConsumer: Example = {
  id: 'slow-consumer',
  title: 'Slow consumer, blocking queue',
  replaySpeed: 0.1,
  summary:
    'A source that wants 2,000 items/s feeds a worker that manages 500/s through a 64-item blocking queue.\n' +
    'The queue fills, the source slows to the worker’s pace, and memory stays flat: backpressure.',
  lesson: {
    steps: [
      {
        look: 'The queue edge’s fill bar and the rates on source and worker.',
        change: 'Nothing yet: let it run for a few seconds.',
        see: 'The queue sits at 64/64 (red). The source sends about 500 items/s, not 2,000, and its bar is mostly backpressured; the worker is busy all the time.',
        why: 'With overflow block, a full queue makes the producer wait. The worker takes one item every 2 ms, so room appears 500 times a second, and that is all the source gets to send. Nothing is lost and nothing piles up beyond the 64 slots.',
      },
      {
        look: 'The sink’s end-to-end latency (p50).',
        change: 'Raise the queue’s capacity from 64 to 512.',
        see: 'Throughput stays at about 500/s, but end-to-end latency grows from about 130 ms to about 1 s once the bigger queue has filled.',
        why: 'Little’s law: time in queue = items queued / rate out. A bigger buffer in front of a consumer that is always slower only holds more items, each waiting longer. Buffers absorb bursts; they cannot fix a rate mismatch.',
        patch: { edges: { queue: { capacity: 512 } } },
      },
      {
        look: 'The worker’s rate and the source’s rate.',
        change: 'Make the worker faster: service time 2 ms → 1 ms.',
        see: 'Both rates climb to about 1,000/s together; the queue is still full.',
        why: 'The slowest stage sets the pace of a blocking pipeline. The source follows whatever the worker can take, up to its own 2,000/s.',
        patch: { nodes: { worker: { serviceTimeMs: 1 } } },
      },
      {
        look: 'The queue’s fill bar and the source’s busy/idle/backpressured bar.',
        change: 'Lower the source’s rate to 400 items/s.',
        see: 'The queue drains to nearly empty, the source runs at 400/s, no longer backpressured, and latency drops to a few ms.',
        why: 'When the consumer is faster than the producer there is nothing to push back on: the queue only holds what is in flight.',
        patch: { nodes: { source: { rate: 400 } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Slow consumer, blocking queue',
    nodes: [
      node('source', 'generator', 0, 0, { rate: 2000 }),
      node('worker', 'worker', 1, 0, { serviceTimeMs: 2 }),
      node('sink', 'counter', 2, 0),
    ],
    edges: [edge('queue', 'source', 'worker'), edge('out', 'worker', 'sink')],
  },
};
