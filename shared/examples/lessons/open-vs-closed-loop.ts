import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

export const openVsClosedLoop: Example = {
  id: 'open-vs-closed-loop',
  title: 'Open vs closed loop',
  summary:
    'The same overload twice, 2,000 items/s into a 500/s worker: above, a closed-loop source that waits when the queue is full; below, an open-loop source that keeps its schedule, like real users.\n' +
    'The closed loop slows down and loses nothing; the open loop rejects three items out of four and never slows down.',
  lesson: {
    steps: [
      {
        look: 'The two sources: their rates, busy/idle/backpressured bars and rejected counts.',
        change: 'Nothing yet: let it run for a few seconds.',
        see: 'The closed-loop source sends about 500 items/s and is backpressured most of the time; it rejects nothing. The open-loop source keeps making 2,000 items/s and is never backpressured: its out-rate shows the 500/s the queue takes, and its rejected count climbs by about 1,500 a second.',
        why: 'A closed-loop source is like a client that sends the next request only when the last one was accepted: the system’s speed sets its pace. An open-loop source is like users arriving on their own schedule: they do not wait for the system, so what it cannot take is turned away (an HTTP 429 or a timeout).',
      },
      {
        look: 'Both workers and both sinks.',
        change: 'Compare the two pipelines downstream of the sources.',
        see: 'They look the same: full queue, worker busy all the time, 500 items/s delivered, about 130 ms of latency.',
        why: 'The worker’s capacity is the same; only what happens to the excess differs. That is why a closed-loop load test can look healthy while real users would be rejected: the test quietly slowed down instead (coordinated omission).',
      },
      {
        look: 'The open-loop source’s rejected count.',
        change: 'Lower the open-loop source’s rate to 400 items/s.',
        see: 'Rejections stop and the queue empties: below capacity, open and closed loops behave alike.',
        why: 'The difference shows only under overload, which is exactly when it matters.',
        patch: { nodes: { 'open-source': { rate: 400 } } },
      },
      {
        look: 'The open-loop source’s rejected count again.',
        change: 'Raise its rate to 600 items/s, just 20 % over capacity.',
        see: 'It climbs again, by about 100 a second (one item in six): an overload does not need to be large for users to notice.',
        why: 'Whatever arrives beyond the worker’s 500/s has nowhere to go once the 64-item queue is full.',
        patch: { nodes: { 'open-source': { rate: 600 } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Open vs closed loop',
    nodes: [
      node('closed-source', 'generator', 0, 0, { rate: 2000, loop: 'closed' }),
      node('closed-worker', 'worker', 1, 0, { serviceTimeMs: 2 }),
      node('closed-sink', 'counter', 2, 0),
      node('open-source', 'generator', 0, 1, { rate: 2000, loop: 'open' }),
      node('open-worker', 'worker', 1, 1, { serviceTimeMs: 2 }),
      node('open-sink', 'counter', 2, 1),
    ],
    edges: [
      edge('closed-queue', 'closed-source', 'closed-worker'),
      edge('closed-out', 'closed-worker', 'closed-sink'),
      edge('open-queue', 'open-source', 'open-worker'),
      edge('open-out', 'open-worker', 'open-sink'),
    ],
  },
};
