import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

const bursty = { rate: 2000, pattern: 'burst', burstOnMs: 200, burstOffMs: 800 };

export const twoLevelBuffer: Example = {
  id: 'two-level-buffer',
  title: 'Two-level buffer',
  summary:
    'Bursts of 400 items in 200 ms, once a second, into a 500/s worker: on average it keeps up, but not during a burst. Above, a small hot queue spills into a large cold queue; below, the small queue alone.\n' +
    'The two-level buffer absorbs every burst and the worker drains it in the quiet time; the small queue alone pushes back and the source falls behind.',
  lesson: {
    steps: [
      {
        look: 'The cold queue’s fill bar in the upper pipeline, and both sources’ busy/idle/backpressured bars.',
        change: 'Nothing yet: let it run for a few seconds.',
        see: 'At each burst the cold queue fills to about 300 items, then drains to empty before the next one. The upper source is never backpressured and sends its 400 items/s; the lower source is backpressured during every burst and manages only about 250/s.',
        why: 'The worker does 500/s and the bursts average 400/s, so there is time to catch up, but only if the burst can be parked somewhere. The small queue (16) fills in a few ms and then blocks the source until the worker has made room, which stretches each burst over 0.8 s and pushes the next one back.',
      },
      {
        look: 'The hot queue and the spill node.',
        change: 'Compare the two queues of the upper pipeline.',
        see: 'The hot queue stays nearly empty; all the waiting happens in the cold queue.',
        why: 'The spill node moves items on as fast as they come (it does no work), so the hot queue only holds items in flight and the producer always finds room. Real systems do the same with a small in-memory buffer in front of a large store on disk (NiFi swap files, Kafka, a spool directory): the expensive fast memory stays small, the cheap slow storage absorbs the burst.',
      },
      {
        look: 'The upper source and its cold queue.',
        change: 'Shrink the cold queue from 1,000 to 100 items.',
        see: 'Bursts overflow it: the cold queue fills to 100, the upper source becomes backpressured during bursts and falls behind like the lower one.',
        why: 'A buffer only absorbs a burst that fits in it: here a burst leaves about 300 items for later (400 arrive while 100 are served).',
        patch: { edges: { cold: { capacity: 100 } } },
      },
      {
        look: 'The end-to-end latency of the upper sink.',
        change: 'Put the cold queue back to 1,000 and watch latency during a burst.',
        see: 'Items that arrive at the end of a burst wait about 0.6 s in the cold queue: the price of not slowing the source.',
        why: 'Absorbing a burst trades rejection or backpressure for waiting: the backlog of 300 items drains at 500/s.',
        patch: { edges: { cold: { capacity: 1000 } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Two-level buffer',
    nodes: [
      node('source', 'generator', 0, 0, bursty),
      node('spill', 'worker', 1, 0, { serviceTimeMs: 0 }),
      node('worker', 'worker', 2, 0, { serviceTimeMs: 2 }),
      node('sink', 'counter', 3, 0),
      node('small-source', 'generator', 0, 1, bursty),
      node('small-worker', 'worker', 2, 1, { serviceTimeMs: 2 }),
      node('small-sink', 'counter', 3, 1),
    ],
    edges: [
      edge('hot', 'source', 'spill', { capacity: 16 }),
      edge('cold', 'spill', 'worker', { capacity: 1000 }),
      edge('out', 'worker', 'sink'),
      edge('small-queue', 'small-source', 'small-worker', { capacity: 16 }),
      edge('small-out', 'small-worker', 'small-sink'),
    ],
  },
};
