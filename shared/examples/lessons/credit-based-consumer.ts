import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

export const creditBasedConsumer: Example = {
  id: 'credit-based-consumer',
  title: 'Credit-based consumer',
  summary:
    'A source (200 items/s) and a worker feed a Browser sink that takes only as many items as you grant it credits for, in the Items tab.\n' +
    'No credits, no flow: the queues fill and the whole pipeline waits for you; grant credits and exactly that many items arrive.',
  lesson: {
    steps: [
      {
        look: 'The Items tab of the `view` sink (bottom panel), the two queue edges and the busy/idle/backpressured bars.',
        change: 'Nothing yet: run the graph without granting any credit.',
        see: 'No item arrives. The view’s input queue fills (16), then the worker’s (64); the worker, then the source, turn fully backpressured. Within half a second the whole pipeline stands still.',
        why: 'A credit-based consumer says how many items it can take, and nothing is sent unasked. With no credit, the view takes nothing; the bounded queues fill and backpressure travels all the way to the source. Nothing is lost and nothing piles up beyond the queues.',
      },
      {
        look: 'The Items tab’s received count and the view’s input edge.',
        change: 'Click Grant +100.',
        see: 'Exactly 100 items arrive (ids 0 to 99, in order), then the flow stops again; the queues refill and the pipeline waits once more.',
        why: 'Each credit is permission for one item: the reverse acknowledgement of TCP windows and of reactive streams’ request(n). The producer can never overrun the consumer, however slow the consumer is.',
      },
      {
        look: 'The source’s rate and the queues.',
        change:
          'Tick auto (it keeps about a second’s worth of items in credits open, at least 50, topping up as items arrive).',
        see: 'Items flow at the source’s 200/s, the queues empty and nothing is backpressured any more.',
        why: 'When the consumer grants faster than items come, credit-based flow control costs nothing; it only shows when the consumer is the slower side.',
      },
      {
        look: 'The whole pipeline.',
        change: 'Untick auto, as if the user had paused the view.',
        see: 'Once the last credits are used (at most about a second’s worth), the queues fill again and the source stops. Tick auto again and it all resumes where it left off, without a gap.',
        why: 'Pausing the consumer pauses everything upstream of it, and nothing is dropped: the item ids carry on from where they stopped.',
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Credit-based consumer',
    nodes: [
      node('source', 'generator', 0, 0, { rate: 200 }),
      node('worker', 'worker', 1, 0, { serviceTimeMs: 2 }),
      node('view', 'browser', 2, 0),
    ],
    edges: [edge('queue', 'source', 'worker'), edge('to-view', 'worker', 'view', { capacity: 16 })],
  },
};
