import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

export const queueingTheory: Example = {
  id: 'queueing-theory',
  title: 'Queueing theory beside the measurement',
  summary:
    'Random (Poisson) arrivals at 80 items/s meet a worker whose service time is random too (exponential, 10 ms mean): a textbook M/M/1 queue at ρ = 0.8.\n' +
    'The queue’s card puts the model’s mean wait and depth beside the measured ones; push ρ to 0.95 and watch the wait explode, then take the randomness out of service.',
  lesson: {
    steps: [
      {
        look: 'Hover the queue: its card shows the M/M/1 model’s mean wait and depth beside the measured ones, and Little’s law.',
        change: 'Nothing yet: let it run for half a minute.',
        see: 'ρ is 0.80 on the worker. The measured mean wait wanders around the model’s 40 ms and the depth around 3, though the worker has 20 % spare capacity.',
        why: 'M/M/1: Wq = ρ·S / (1 − ρ) = 0.8 × 10 ms / 0.2 = 40 ms. Queues form although the worker keeps up on average, because arrivals bunch and some services run long. Little’s law ties the numbers: depth = out rate × wait (80/s × 40 ms = 3.2).',
      },
      {
        look: 'The wait and depth on the queue’s card, and ρ on the worker.',
        change: 'Raise the source’s rate from 80 to 95 items/s (ρ = 0.95).',
        see: 'Only 19 % more load, but the model’s wait grows almost five-fold to 190 ms and its depth to 18. The measured numbers swing widely and need minutes to settle near it.',
        why: 'The wait grows as ρ / (1 − ρ): from 4 service times at 0.8 to 19 at 0.95. Near full utilization every burst takes long to clear, which is why systems are run well below 100 %.',
        patch: { nodes: { source: { rate: 95 } } },
      },
      {
        look: 'The same numbers; the card now names the M/D/1 model.',
        change: 'Make the worker’s service time constant (distribution: constant), still 10 ms.',
        see: 'At the same ρ = 0.95 the wait halves, to about 95 ms in theory and in the measurement.',
        why: 'M/D/1 (Pollaczek–Khinchine with no service variance): Wq = ρ·S / (2(1 − ρ)). Half of the waiting came from the randomness of service, not from the load: making work predictable shortens queues as much as making it faster.',
        patch: { nodes: { worker: { distribution: 'constant' } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Queueing theory beside the measurement',
    nodes: [
      node('source', 'generator', 0, 0, { rate: 80, pattern: 'poisson' }),
      node('worker', 'worker', 1, 0, { serviceTimeMs: 10, distribution: 'exponential' }),
      node('sink', 'counter', 2, 0),
    ],
    // Room for the longest queues ρ 0.95 makes (a 1 % tail past 80 items): nothing blocks the source.
    edges: [edge('queue', 'source', 'worker', { capacity: 1024 }), edge('out', 'worker', 'sink')],
  },
};
