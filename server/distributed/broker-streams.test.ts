import { jetstream } from '@nats-io/jetstream';
import { expect, it } from 'vitest';
import { natsPerFile } from '../test-helpers/nats-per-file.js';
import {
  brokerNames,
  createEdgeStream,
  deleteRunStreams,
  streamState,
  updateEdgeStream,
} from './broker-streams.js';

const fx = natsPerFile();

it('block / drop-newest: the stream holds capacity messages and refuses the next; a live resize moves the limit', async () => {
  const names = brokerNames('r1', 'e.1');
  await createEdgeStream(fx.jsm, names, 4, 'block');
  const js = jetstream(fx.nc);
  for (let i = 0; i < 4; i++) await js.publish(names.subject, JSON.stringify({ i }));
  await expect(js.publish(names.subject, '{}')).rejects.toThrow(/maximum messages exceeded/);
  const s = await streamState(fx.jsm, names);
  expect(s).toMatchObject({ messages: 4, lastSeq: 4, ackPending: 0 });
  expect(Date.now() - s.firstTs!).toBeGreaterThanOrEqual(0);
  await updateEdgeStream(fx.jsm, names, 6, 'drop-newest');
  await js.publish(names.subject, '{}');
  await js.publish(names.subject, '{}');
  await expect(js.publish(names.subject, '{}')).rejects.toThrow(/maximum messages exceeded/);
  expect((await streamState(fx.jsm, names)).messages).toBe(6);
});

it('drop-oldest: the stream evicts its oldest message to take a new one', async () => {
  const names = brokerNames('r2', 'e1');
  await createEdgeStream(fx.jsm, names, 3, 'drop-oldest');
  const js = jetstream(fx.nc);
  for (let i = 0; i < 5; i++) await js.publish(names.subject, JSON.stringify({ i }));
  const s = await streamState(fx.jsm, names);
  expect(s.messages).toBe(3);
  expect(s.lastSeq).toBe(5); // evicted = lastSeq − messages − acked = 2
  const m = await (await jetstream(fx.nc).consumers.get(names.stream, names.consumer)).next({
    expires: 1000,
  });
  expect(m?.json()).toEqual({ i: 2 });
});

it('deleteRunStreams removes every stream of one run and none of another', async () => {
  for (const e of ['a', 'b', 'c:d']) await createEdgeStream(fx.jsm, brokerNames('gone', e), 8, 'block');
  // A run id that starts like the other must keep its streams.
  await createEdgeStream(fx.jsm, brokerNames('gone_x', 'a'), 8, 'block');
  await createEdgeStream(fx.jsm, brokerNames('kept', 'a'), 8, 'block');
  const deleted = await deleteRunStreams(fx.jsm, 'gone');
  expect(deleted.sort()).toEqual(['a', 'b', 'c:d'].map((e) => brokerNames('gone', e).stream).sort());
  const left: string[] = [];
  for await (const n of fx.jsm.streams.names()) left.push(n);
  expect(left).not.toContain(brokerNames('gone', 'a').stream);
  expect(left).toContain(brokerNames('kept', 'a').stream);
  expect(left).toContain(brokerNames('gone_x', 'a').stream);
  expect(await deleteRunStreams(fx.jsm, 'gone')).toEqual([]);
});

it('refuses a capacity that no stream can have', async () => {
  await expect(createEdgeStream(fx.jsm, brokerNames('r3', 'e1'), 0, 'block')).rejects.toThrow(
    /capacity must be a positive integer/,
  );
});
