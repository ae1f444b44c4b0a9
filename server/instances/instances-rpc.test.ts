import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COORDINATOR_GONE_REASON } from '../../shared/protocol/instances.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { DEFAULT_LIMITS } from '../config.js';
import { RunManager } from '../runs/run-manager.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { natsPerFile } from '../test-helpers/nats-per-file.js';
import { until } from '../test-helpers/until.js';
import { Instances } from './instances.js';
import { RunRegistry } from './run-registry.js';

/*
 * Two Instances on a real nats-server, each with its own RunManager (runs in this thread: the
 * rpc and relay do not care where a run executes). X coordinates; Y is where a browser is.
 */
const fx = natsPerFile();
const limits = { ...DEFAULT_LIMITS, orphanGraceMs: 300, maxSubscribersPerRun: 3 };
const endless = graphOf(
  [
    ['src', 'generator', { rate: 50 }],
    ['out', 'counter'],
  ],
  [['src', 'out']],
);
let nc2: NatsConnection;
let runsX: RunManager;
let x: Instances;
let y: Instances;

beforeAll(async () => {
  nc2 = await connect({ servers: fx.nats.url });
  runsX = new RunManager(limits, undefined, 'inline');
  x = await Instances.start({ nc: fx.nc, js: jetstream(fx.nc), jsm: fx.jsm, id: 'x', runs: runsX, limits });
  const runsY = new RunManager(limits, undefined, 'inline');
  y = await Instances.start({ nc: nc2, js: jetstream(nc2), jsm: fx.jsm, id: 'y', runs: runsY, limits });
});
afterAll(async () => {
  await runsX?.stopAll();
  await x?.close();
  await y?.close();
  await nc2?.close();
});

it('watching from another instance: token checked by the coordinator, frames relayed, watchers counted for the orphan grace', async () => {
  const run = runsX.start(endless, 10);
  const access = runsX.accessOf(run.runId)!;
  expect(
    await until(
      () => y.coordinatorOf(run.runId),
      (c) => c === 'x',
      'the registry entry',
    ),
  ).toBe('x');
  expect(await x.coordinatorOf(run.runId)).toBeUndefined(); // its own: served locally

  expect(await y.watch(run.runId, 'x', 'z'.repeat(32), 1)).toMatchObject({ ok: false, error: 'forbidden' });
  expect(await y.watch(run.runId, 'x', undefined, 1)).toMatchObject({ ok: false, error: 'unauthorized' });
  expect(await y.watch('nope', 'x', access.watchToken, 1)).toMatchObject({ ok: false, error: 'not_found' });
  // The limit counts the asking instance's sockets with the coordinator's.
  expect(await y.watch(run.runId, 'x', access.watchToken, 4)).toMatchObject({
    error: 'too_many_subscribers',
  });
  expect(await y.watch(run.runId, 'x', access.watchToken, 1)).toMatchObject({ ok: true, status: 'running' });

  const frames: TelemetryFrame[] = [];
  y.remote.on('frame', (f) => frames.push(f));
  y.setLocalWatchers(run.runId, 1, 'x');
  await until(
    () => frames.length,
    (n) => n >= 3,
    'frames relayed to y',
  );
  expect(runsX.watcherCount(run.runId)).toBe(1);
  // Credits go to the coordinator's checks: a watch token cannot open a tap, and there is no such sink.
  expect(await y.credit(run.runId, 'x', 'out', 5, access.watchToken)).toMatchObject({ error: 'forbidden' });
  expect(await y.credit(run.runId, 'x', 'out', 5, access.runToken)).toMatchObject({ error: 'not_found' });

  // The last remote watcher leaves: the coordinator's orphan grace stops the run.
  y.setLocalWatchers(run.runId, 0);
  await until(
    () => run.status,
    (s) => s === 'stopped',
    'the orphan grace to stop it',
  );
  expect(runsX.stopReason(run.runId)).toMatch(/no one watching/);
});

it('a run the others declared failed (its coordinator looked dead) stops on its coordinator too', async () => {
  const run = runsX.start(endless, 10);
  await until(
    () => y.coordinatorOf(run.runId),
    (c) => c === 'x',
    'the registry entry',
  );
  const other = new RunRegistry(jetstream(nc2), fx.jsm);
  expect(await other.failOrphan(run.runId, 'x')).toMatchObject({ status: 'failed' });
  await until(
    () => run.status,
    (s) => s === 'stopped',
    'x to stop the disowned run',
    15_000,
  );
  expect(runsX.stopReason(run.runId)).toContain(COORDINATOR_GONE_REASON);
  // The registry holds hashes of the tokens, never the tokens.
  const record = (await other.lookup(run.runId))!.record;
  const access = runsX.accessOf(run.runId)!;
  expect(JSON.stringify(record)).not.toContain(access.runToken);
  expect(JSON.stringify(record)).not.toContain(access.watchToken);
  expect(record.runTokenHash).toMatch(/^[0-9a-f]{64}$/);
  // Its own late status did not revive the registry entry.
  expect((await other.lookup(run.runId))?.record.status).toBe('failed');
});
