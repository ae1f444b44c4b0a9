import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

const bursty = { rate: 2000, pattern: 'burst', burstOnMs: 50, burstOffMs: 950 };

export const tokenVsLeakyBucket: Example = {
  id: 'token-vs-leaky-bucket',
  title: 'Token bucket vs leaky bucket',
  summary:
    'Two identical bursty sources (100 items in 50 ms, once a second) each go through a rate limiter at 200/s: a token bucket and a leaky bucket, both with burst 100.\n' +
    'The token bucket lets each burst through at once, up to its burst size; the leaky bucket smooths it into an even 200/s.',
  lesson: {
    steps: [
      {
        look: 'The two sinks’ throughput charts, and the limiter gauges on the two rate-limit nodes.',
        change: 'Nothing yet: let it run for a few seconds.',
        see: 'Both deliver 100 items/s on average. In the throughput chart (per frame), the token bucket passes each burst at once, a spike far above 200/s (all 100 items within 50 ms, so one or two frames); behind the leaky bucket it is a flat 200/s for half a second after each burst. The token bucket’s gauge drops to about 10 tokens at each burst and refills to 100; the leaky bucket’s gauge shows most of each burst waiting in the bucket, emptying at 200/s.',
        why: 'A token bucket saves up unused permission (one token per 5 ms, at most `burst`) and spends it all at once: it limits the average rate but allows bursts up to its size. A leaky bucket spaces items evenly at the rate whatever the input does: it shapes traffic, at the cost of delaying bursts.',
      },
      {
        look: 'The end-to-end latency (p99) of the two sinks.',
        change: 'Compare the two sinks.',
        see: 'Items behind the leaky bucket wait up to about half a second; behind the token bucket only a few ms.',
        why: 'The leaky bucket holds the burst and lets it out one item per 5 ms, so the last item of a 100-item burst waits about 500 ms. Smooth output is paid for with latency.',
      },
      {
        look: 'The token bucket’s output spikes.',
        change: 'Lower the token bucket’s burst from 100 to 10.',
        see: 'The spikes shrink to about 10 items; the rest of each burst follows at 200/s, so the output looks almost like the leaky bucket’s.',
        why: 'burst is the bucket size: the most permission that can be saved up. A token bucket with burst 1 is a leaky bucket.',
        patch: { nodes: { 'token-bucket': { burst: 10 } } },
      },
      {
        look: 'The token bucket’s limiter gauge: allowed/s and limited/s.',
        change: 'Switch the token bucket’s mode from delay to drop.',
        see: 'Only about 20 items of each burst pass (the 10 saved-up tokens and the 10 earned during the 50 ms burst); the other 80 are dropped and counted as limited, and the sink’s rate falls to about 20/s.',
        why: 'Delay mode shapes (items wait for permission, and backpressure travels upstream); drop mode polices (what may not pass now is discarded). An API gateway answering 429 is a token bucket in drop mode.',
        patch: { nodes: { 'token-bucket': { mode: 'drop' } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Token bucket vs leaky bucket',
    nodes: [
      node('token-source', 'generator', 0, 0, bursty),
      node('token-bucket', 'rate-limit', 1, 0, { algorithm: 'token-bucket', rate: 200, burst: 100 }),
      node('token-sink', 'counter', 2, 0),
      node('leaky-source', 'generator', 0, 1, bursty),
      node('leaky-bucket', 'rate-limit', 1, 1, { algorithm: 'leaky-bucket', rate: 200, burst: 100 }),
      node('leaky-sink', 'counter', 2, 1),
    ],
    edges: [
      edge('token-in', 'token-source', 'token-bucket', { capacity: 128 }),
      edge('token-out', 'token-bucket', 'token-sink'),
      edge('leaky-in', 'leaky-source', 'leaky-bucket', { capacity: 128 }),
      edge('leaky-out', 'leaky-bucket', 'leaky-sink'),
    ],
  },
};
