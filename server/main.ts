import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp } from './app.js';
import {
  allowedHostsFromEnv,
  allowedOriginsFromEnv,
  httpPostAllowFromEnv,
  limitsFromEnv,
  metricsConfigFromEnv,
  natsAllowFromEnv,
  natsUrlFromEnv,
  spareRunThreadFromEnv,
  tailDirFromEnv,
} from './config.js';
import { type Cluster, connectCluster } from './distributed/cluster.js';
import { type InstanceConfig, instanceConfigFromEnv } from './instances/instance-config.js';
import type { Instances } from './instances/instances.js';
import { databaseUrlFromEnv, describeStore, openStores, type Stores } from './store/open-store.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const here = path.dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');

// SLUICE_CLUSTER=1 without NATS or Postgres is refused before anything opens.
let instanceConfig: InstanceConfig | undefined;
try {
  instanceConfig = instanceConfigFromEnv();
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  logger.fatal({ reason }, `cannot start: ${reason}`);
  process.exit(1);
}

// The store first: a database that cannot be opened (or is newer than this Sluice) ends start-up.
let stores: Stores;
try {
  const config = { dataDir, databaseUrl: databaseUrlFromEnv() };
  stores = await openStores(config);
  logger.info({ store: describeStore(config) }, 'graph store ready');
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  logger.fatal({ reason }, `cannot open the graph store: ${reason}`);
  process.exit(1);
}

async function devMiddleware() {
  // Vite only in development: production serves the prebuilt client from dist/client.
  const { createServer } = await import('vite');
  const vite = await createServer({ server: { middlewareMode: true }, appType: 'spa' });
  return vite.middlewares;
}

// Distributed mode: a NATS server named but unreachable is a start-up error, not a silent
// fallback to embedded mode (runs would then quietly not be distributed).
let cluster: Cluster | undefined;
try {
  const natsUrl = natsUrlFromEnv();
  if (natsUrl) {
    cluster = await connectCluster(natsUrl, {
      name: instanceConfig ? `sluice-instance@${instanceConfig.id}` : `sluice-server@${hostname()}`,
    });
    logger.info({ nats: cluster.nc.getServer() }, 'distributed mode: connected to NATS');
  }
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  logger.fatal({ reason }, `cannot start: ${reason}`);
  await stores.close();
  process.exit(1);
}

const built = createApp({
  limits: limitsFromEnv(),
  store: stores.graphs,
  recordingStore: stores.recordings,
  allowedOrigins: allowedOriginsFromEnv(),
  allowedHosts: allowedHostsFromEnv(),
  host,
  dataDir,
  httpPostAllow: httpPostAllowFromEnv(),
  natsAllow: natsAllowFromEnv(),
  tailDir: tailDirFromEnv(),
  metrics: metricsConfigFromEnv(),
  // dist/server/server/main.js → dist/client
  staticDir: dev ? undefined : path.resolve(here, '../../client'),
  spareRunThread: spareRunThreadFromEnv(),
  devMiddleware: dev ? await devMiddleware() : undefined,
  logger,
  cluster,
  ...(instanceConfig ? { instanceId: instanceConfig.id } : {}),
});

// One of many instances: in the directory and registry before taking requests.
let instances: Instances | undefined;
try {
  instances = await built.startInstances();
  if (instances) logger.info({ instance: instances.id }, 'stateless instance: joined the cluster');
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  logger.fatal({ reason }, `cannot start: ${reason}`);
  await cluster?.close();
  await stores.close();
  process.exit(1);
}

built.httpServer.listen(port, host, () => {
  const address = built.httpServer.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  // Requests forwarded from other instances replay here over loopback.
  const loopback = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  instances?.listening(`http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${bound}`);
  // `port` is the one actually bound (PORT=0 picks a free one); tests read it from this line.
  logger.info({ url: `http://${host}:${bound}`, port: bound, dataDir, dev }, 'Sluice is listening');
});

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: stopping runs');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      // Still close the database: a checkpointed WAL is worth more than the runs still going.
      stores.close().finally(() => process.exit(1));
    }, 10_000);
    force.unref();
    built
      .close()
      .then(() => cluster?.close())
      .then(() => stores.close())
      .then(() => {
        logger.info('stopped: runs ended, database closed');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  });
}
