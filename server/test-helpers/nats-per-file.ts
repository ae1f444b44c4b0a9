import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll } from 'vitest';
import { type Cluster, connectCluster } from '../distributed/cluster.js';
import { startNats, type TestNats } from './nats-server.js';

/** A test file's throw-away JetStream server and one client of it (filled in by `beforeAll`). */
export interface NatsFixture {
  nats: TestNats;
  nc: NatsConnection;
  jsm: JetStreamManager;
}

/**
 * Registers `beforeAll`/`afterAll` hooks that start a real nats-server, connect, and tear both
 * down. Read the fields inside tests (they are set once the hooks ran).
 *
 * @example
 * const fx = natsPerFile();
 * it('…', async () => { await createEdgeStream(fx.jsm, names, 4, 'block'); });
 */
export function natsPerFile(options: { monitor?: boolean } = {}): NatsFixture {
  const fx = {} as NatsFixture;
  beforeAll(async () => {
    fx.nats = await startNats(options);
    fx.nc = await connect({ servers: fx.nats.url });
    fx.jsm = await jetstreamManager(fx.nc);
  });
  afterAll(async () => {
    await fx.nc?.close();
    await fx.nats?.stop();
  });
  return fx;
}

/** A test file's throw-away JetStream server and a coordinator's cluster connection to it. */
export interface CoordinatorFixture {
  nats: TestNats;
  cluster: Cluster;
}

/**
 * Registers hooks that start a real nats-server and connect a coordinator (`connectCluster`), for
 * tests that start the app in distributed mode; both are torn down after the file.
 *
 * @example
 * const fx = coordinatorPerFile();
 * it('…', async () => { const app = await startTestApp({}, { cluster: fx.cluster }); });
 */
export function coordinatorPerFile(): CoordinatorFixture {
  const fx = {} as CoordinatorFixture;
  beforeAll(async () => {
    fx.nats = await startNats();
    fx.cluster = await connectCluster(fx.nats.url, { name: 'test-coordinator' });
  }, 30_000);
  afterAll(async () => {
    await fx.cluster?.close();
    await fx.nats?.stop();
  });
  return fx;
}
