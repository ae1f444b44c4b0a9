import { DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNats, type TestNats } from './nats-server.js';

let nats: TestNats;
beforeAll(async () => {
  nats = await startNats();
});
afterAll(() => nats.stop());

it('a real JetStream server: a work-queue stream with max_msgs 64 and discard new refuses the 65th publish', async () => {
  const nc = await connect({ servers: nats.url });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({
    name: 'probe',
    subjects: ['probe.x'],
    max_msgs: 64,
    discard: DiscardPolicy.New,
    retention: RetentionPolicy.Workqueue,
  });
  const js = jetstream(nc);
  for (let i = 0; i < 64; i++) await js.publish('probe.x', String(i));
  await expect(js.publish('probe.x', '64')).rejects.toThrow(/maximum messages exceeded/);
  expect((await jsm.streams.info('probe')).state.messages).toBe(64);
  await nc.close();
});
