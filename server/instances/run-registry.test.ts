import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { expect, it } from 'vitest';
import { COORDINATOR_GONE_REASON, type RunRecord } from '../../shared/protocol/instances.js';
import { natsPerFile } from '../test-helpers/nats-per-file.js';
import { until } from '../test-helpers/until.js';
import { instanceConfigFromEnv } from './instance-config.js';
import { InstanceDirectory } from './instance-directory.js';
import { KvStream } from './kv-stream.js';
import { hashToken, RunRegistry, roleByHash } from './run-registry.js';

const fx = natsPerFile();

const record = (instance: string, over: Partial<RunRecord> = {}): RunRecord => ({
  instance,
  status: 'running',
  startedAt: Date.now(),
  runTokenHash: hashToken('run-token'),
  watchTokenHash: hashToken('watch-token'),
  ...over,
});

it('compare-and-set: of two instances failing one orphaned run, exactly one wins', async () => {
  const registry = new RunRegistry(jetstream(fx.nc), fx.jsm);
  await registry.ensure();
  // A second connection: the other instance, racing over the network.
  const nc2 = await connect({ servers: fx.nats.url });
  try {
    const other = new RunRegistry(jetstream(nc2), fx.jsm);
    await other.ensure(); // the stream exists: left as it is
    for (const id of ['r1', 'r2', 'r3']) await registry.register(id, record('dead-a'));
    await registry.register('r4', record('alive-b'));
    await registry.register('r5', record('dead-a', { status: 'completed' }));
    expect((await registry.liveRunsOf('dead-a')).sort()).toEqual(['r1', 'r2', 'r3']);

    const results = await Promise.all(
      ['r1', 'r2', 'r3'].flatMap((id) => [registry.failOrphan(id, 'dead-a'), other.failOrphan(id, 'dead-a')]),
    );
    // Per run, one of the pair wrote it.
    for (let i = 0; i < 3; i++) {
      const pair = results.slice(2 * i, 2 * i + 2);
      expect(pair.filter((r) => r !== null)).toHaveLength(1);
    }
    const r1 = await other.lookup('r1');
    expect(r1?.record).toMatchObject({
      status: 'failed',
      reason: COORDINATOR_GONE_REASON,
      instance: 'dead-a',
    });
    expect(await registry.liveRunsOf('dead-a')).toEqual([]);
    // Another instance's run and an ended run are left alone.
    expect(await registry.failOrphan('r4', 'dead-a')).toBeNull();
    expect((await registry.lookup('r5'))?.record.status).toBe('completed');
    // A late status from the coordinator never revives a failed run.
    await registry.setStatus('r1', 'running');
    expect((await registry.lookup('r1'))?.record.status).toBe('failed');
    await registry.setStatus('r4', 'stopped');
    expect((await registry.lookup('r4'))?.record.status).toBe('stopped');
  } finally {
    await nc2.close();
  }
});

it('lookups: unknown runs, unsafe ids and records that are not records read as none; tokens are checked by hash', async () => {
  const registry = new RunRegistry(jetstream(fx.nc), fx.jsm);
  await registry.ensure();
  expect(await registry.lookup('nope')).toBeNull();
  expect(await registry.lookup('a.b')).toBeNull();
  expect(await registry.lookup('../x')).toBeNull();
  // Anyone connected can publish: garbage under a key is not a run.
  await jetstream(fx.nc).publish('sluice.kv.runs.junk', JSON.stringify({ instance: 1, __proto__: {} }));
  expect(await registry.lookup('junk')).toBeNull();
  const rec = record('x');
  expect(roleByHash(rec, 'run-token')).toBe('owner');
  expect(roleByHash(rec, 'watch-token')).toBe('watcher');
  expect(roleByHash(rec, 'guess')).toBeNull();
  expect(roleByHash(rec, undefined)).toBeNull();
});

it('a KV stream keeps one value per key and the newest wins; create refuses a second writer', async () => {
  const kv = new KvStream<{ n: number }>(jetstream(fx.nc), fx.jsm, {
    stream: 'kv_test',
    prefix: 'test.kv',
    maxKeys: 3,
    maxAgeMs: 60_000,
  });
  await kv.ensure();
  expect(await kv.create('a', { n: 1 })).not.toBeNull();
  expect(await kv.create('a', { n: 2 })).toBeNull();
  await kv.put('a', { n: 3 });
  expect((await kv.get('a'))?.value).toEqual({ n: 3 });
  // Bounded: past maxKeys the oldest key goes.
  for (const k of ['b', 'c', 'd']) await kv.put(k, { n: 0 });
  expect((await kv.entries()).map((e) => e.key).sort()).toEqual(['b', 'c', 'd']);
  expect(() => kv.subject('a.b')).toThrow(/letters, digits/);
});

it('an instance that stops beating is reported dead once, by every other instance', async () => {
  const js = jetstream(fx.nc);
  const a = new InstanceDirectory(fx.nc, js, fx.jsm, { id: 'inst-a', host: 'h' });
  const nc2 = await connect({ servers: fx.nats.url });
  const b = new InstanceDirectory(nc2, jetstream(nc2), fx.jsm, { id: 'inst-b', host: 'h' });
  try {
    const dead: string[] = [];
    a.onDead((id) => dead.push(id));
    await a.start();
    await b.start();
    await until(() => a.isAlive('inst-b'), Boolean, 'a to hear b');
    b.close(); // b stops beating (as if killed)
    await until(
      () => dead,
      (d) => d.includes('inst-b'),
      'b declared dead',
      15_000,
    );
    expect(a.isAlive('inst-b')).toBe(false);
    expect(dead).toEqual(['inst-b']);
  } finally {
    a.close();
    b.close();
    await nc2.close();
  }
});

it('SLUICE_CLUSTER=1 needs SLUICE_NATS_URL and DATABASE_URL, each named when missing', () => {
  expect(instanceConfigFromEnv({})).toBeUndefined();
  expect(instanceConfigFromEnv({ SLUICE_CLUSTER: '0' })).toBeUndefined();
  expect(() => instanceConfigFromEnv({ SLUICE_CLUSTER: '1', DATABASE_URL: 'postgres://x' })).toThrow(
    /SLUICE_NATS_URL/,
  );
  expect(() => instanceConfigFromEnv({ SLUICE_CLUSTER: '1', SLUICE_NATS_URL: 'nats://x' })).toThrow(
    /DATABASE_URL/,
  );
  expect(() => instanceConfigFromEnv({ SLUICE_CLUSTER: 'yes' })).toThrow(/SLUICE_CLUSTER/);
  const env = { SLUICE_CLUSTER: '1', SLUICE_NATS_URL: 'nats://x', DATABASE_URL: 'postgres://x' };
  expect(instanceConfigFromEnv({ ...env, SLUICE_INSTANCE_ID: 'web-1' })).toEqual({ id: 'web-1' });
  expect(() => instanceConfigFromEnv({ ...env, SLUICE_INSTANCE_ID: 'a.b' })).toThrow(/SLUICE_INSTANCE_ID/);
  expect(instanceConfigFromEnv(env)?.id).toMatch(/^[A-Za-z0-9_-]+-\d+-[0-9a-f]{6}$/);
});
