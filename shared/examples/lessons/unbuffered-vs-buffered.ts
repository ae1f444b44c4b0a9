import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

const source = { rate: 400, pattern: 'poisson' };
const stage = { serviceTimeMs: 2, distribution: 'exponential' };

export const unbufferedVsBuffered: Example = {
  id: 'unbuffered-vs-buffered',
  title: 'Unbuffered vs buffered',
  replaySpeed: 0.1,
  summary:
    'The same two-stage pipeline twice, with random arrivals (400/s) and random service times (2 ms on average): above, the stages hand items over with no buffer (capacity 0); below, through 64-item queues.\n' +
    'Each stage could do 500/s, yet the unbuffered pipeline delivers only about two thirds of the load: without buffers, every busy moment stalls the stage before it.',
  lesson: {
    steps: [
      {
        look: 'The two sinks’ rates.',
        change: 'Nothing yet: let it run for a few seconds.',
        see: 'The buffered pipeline delivers the source’s 400 items/s. The unbuffered one delivers only about 270/s, though both of its stages could manage 500/s.',
        why: 'Capacity 0 is a rendezvous: an item moves only when producer and consumer are both ready. Arrivals (poisson) and service times (exponential) vary, so one side is often waiting for the other, and that time is never made up. With two stages, a slow item in the second stage holds up the first, which holds up the source.',
      },
      {
        look: 'The edges, and the busy/idle/backpressured bars of the sources and stages.',
        change: 'Compare the upper pipeline with the lower one.',
        see: 'The unbuffered edges never hold an item, yet the upper source and resize stage spend a good part of their time backpressured while the stages after them sit idle. The buffered edges hold a few items, sometimes dozens, and the lower source is never blocked.',
        why: 'Without a buffer a producer must wait whenever its consumer is busy, and the consumer must wait whenever the next item has not arrived yet. A buffer decouples them: the producer keeps going while the consumer is busy, and the consumer finds work waiting after a quiet spell.',
      },
      {
        look: 'The upper pipeline’s sink rate.',
        change: 'Give both unbuffered edges a small buffer: capacity 0 → 8.',
        see: 'Its throughput climbs back to about the 400/s the source offers, and its source is rarely blocked.',
        why: 'At 80 % load a few slots absorb most of the short-term variation; more slots help less and less (and let more items wait).',
        patch: { edges: { 'unbuffered-in': { capacity: 8 }, 'unbuffered-between': { capacity: 8 } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Unbuffered vs buffered',
    nodes: [
      node('unbuffered-source', 'generator', 0, 0, source),
      node('unbuffered-resize', 'worker', 1, 0, stage),
      node('unbuffered-compress', 'worker', 2, 0, stage),
      node('unbuffered-sink', 'counter', 3, 0),
      node('buffered-source', 'generator', 0, 1, source),
      node('buffered-resize', 'worker', 1, 1, stage),
      node('buffered-compress', 'worker', 2, 1, stage),
      node('buffered-sink', 'counter', 3, 1),
    ],
    edges: [
      edge('unbuffered-in', 'unbuffered-source', 'unbuffered-resize', { capacity: 0 }),
      edge('unbuffered-between', 'unbuffered-resize', 'unbuffered-compress', { capacity: 0 }),
      edge('unbuffered-out', 'unbuffered-compress', 'unbuffered-sink'),
      edge('buffered-in', 'buffered-source', 'buffered-resize'),
      edge('buffered-between', 'buffered-resize', 'buffered-compress'),
      edge('buffered-out', 'buffered-compress', 'buffered-sink'),
    ],
  },
};
