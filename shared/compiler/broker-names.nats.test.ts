import { AckPolicy, DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNats, type TestNats } from '../../server/test-helpers/nats-server.js';
import { brokerNames } from './partition-plan.js';

let nats: TestNats;
beforeAll(async () => {
  nats = await startNats();
});
afterAll(() => nats.stop());

it('brokerNames: a real nats-server takes every name, and edges whose ids sanitise alike stay apart', async () => {
  // ARRANGE — edge ids that all read "a_b" once sanitised, one with a case difference, and the
  // longest id the schema allows, full of characters a stream name may not hold
  const ids = ['a.b', 'a:b', 'a_b', 'A.b', `${'x.y:'.repeat(16)}`];
  const runId = 'V1StGXR8_Z5j';
  const nc = await connect({ servers: nats.url });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  // ACT — one stream and one durable consumer per edge, as the coordinator makes them; one
  // item published to the first edge's subject only
  for (const id of ids) {
    const n = brokerNames(runId, id);
    await jsm.streams.add({
      name: n.stream,
      subjects: [n.subject],
      max_msgs: 8,
      discard: DiscardPolicy.New,
      retention: RetentionPolicy.Workqueue,
    });
    await jsm.consumers.add(n.stream, { durable_name: n.consumer, ack_policy: AckPolicy.Explicit });
  }
  await js.publish(brokerNames(runId, ids[0]!).subject, JSON.stringify({ ts: 1 }));
  // ASSERT — only the first edge's stream holds it
  const counts = [];
  for (const id of ids) counts.push((await jsm.streams.info(brokerNames(runId, id).stream)).state.messages);
  expect(counts).toEqual([1, 0, 0, 0, 0]);
  await nc.close();
});
