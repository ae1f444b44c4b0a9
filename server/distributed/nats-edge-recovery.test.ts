import { expect, it } from 'vitest';
import type { Item } from '../runtime/node-behavior.js';
import { startRun } from '../runtime/start-run.js';
import { planOf } from '../runtime/test-graphs.js';
import { natsPerFile } from '../test-helpers/nats-per-file.js';
import { streamState, updateEdgeStream } from './broker-streams.js';
import { natsLinkEdge } from './nats-link.js';
import { linkedRuns, partOf, untilTrue } from './test-parts.js';

const fx = natsPerFile();

it('at-least-once: items a consumer took but never acked (it was aborted) reach the next consumer, counted as redelivered', async () => {
  const N = 200;
  const ACK_WAIT = 1000;
  // The first consumer's worker takes an item and holds it for 60 s: nothing it has is ever settled.
  const pair = await linkedRuns(fx.nc, fx.jsm, {
    runId: 'alo',
    source: { rate: null, count: N },
    edge: { capacity: 500, overflow: 'block' },
    consumer: [
      ['work', 'worker', { serviceTimeMs: 60_000 }],
      ['out', 'counter'],
    ],
    ackWaitMs: ACK_WAIT,
  });
  await pair.producer.done;
  await untilTrue('the first consumer holds items', () => pair.consumer.brokerCounters().e1!.delivered >= 10);
  pair.consumer.stop('abort');
  expect((await pair.consumer.done).status).toBe('stopped');
  const first = pair.consumer.brokerCounters().e1!;
  expect(first.acked).toBe(0);

  // A second consumer (what a replica, or a part placed again, is) on the same durable consumer.
  const plan = planOf(
    [
      ['src', 'generator', { count: N }],
      ['out', 'counter'],
    ],
    [['src', 'out', { capacity: 500 }]],
  );
  const seen: Item[] = [];
  const second = startRun(partOf(plan, ['out']), {
    runId: 'alo-c2',
    brokerEdges: [
      { ...pair.names, edgeId: 'e1', capacity: 500, overflow: 'block', role: 'consume', publishers: 1 },
    ],
    linkEdge: natsLinkEdge(fx.nc, { ackWaitMs: ACK_WAIT }),
    probe: (_id, items) => seen.push(...items),
  });
  second.upstreamClosed('e1'); // the producer has closed already
  const r = await second.done;
  expect(r.status).toBe('completed');
  // Every id, each once: the first consumer acked none of the ones it held.
  expect(new Set(seen.map((i) => i.id)).size).toBe(N);
  expect(seen.length).toBe(N);
  const c2 = second.brokerCounters().e1!;
  expect(c2.redelivered).toBeGreaterThanOrEqual(first.delivered);
  expect(c2.acked).toBe(N);
  expect((await streamState(fx.jsm, pair.names)).messages).toBe(0);
});

it('live capacity change: the stream takes more once its limit is raised, and never more than the limit', async () => {
  const N = 300;
  const pair = await linkedRuns(fx.nc, fx.jsm, {
    runId: 'resize',
    source: { rate: null, count: N },
    edge: { capacity: 10, overflow: 'block' },
    consumer: [['out', 'counter']],
  });
  pair.consumer.pause(); // the consumer's node takes nothing: the stream fills up to its limit
  let max = 0;
  const depth = async () => {
    const m = (await streamState(fx.jsm, pair.names)).messages;
    max = Math.max(max, m);
    return m;
  };
  await untilTrue('the stream is full at 10', async () => (await depth()) === 10);
  await untilTrue('the publisher is blocked', () => pair.producer.brokerCounters().e1!.blockedMs > 0);
  expect(max).toBe(10);
  await updateEdgeStream(fx.jsm, pair.names, 40, 'block');
  pair.producer.updateEdge('e1', 40, 'block');
  await untilTrue('the stream fills to the new limit', async () => (await depth()) === 40);
  expect(max).toBe(40);
  pair.consumer.resume();
  const [p, c] = await Promise.all([pair.producer.done, pair.consumer.done]);
  expect(p.status).toBe('completed');
  expect(c.totals.delivered).toBe(N);
  expect(pair.producer.brokerCounters().e1).toMatchObject({ published: N, rejected: 0 });
});
