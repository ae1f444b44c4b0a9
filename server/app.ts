import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import pino, { type Logger } from 'pino';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/socket-events.js';
import type { Limits, MetricsConfig } from './config.js';
import type { Cluster } from './distributed/cluster.js';
import { errorHandler, HttpError } from './http/api-error.js';
import { bearerOf } from './http/bearer.js';
import { clusterRoutes } from './http/cluster-routes.js';
import { guardConnections } from './http/connection-guard.js';
import { hostGuard, hostPolicy } from './http/host-guard.js';
import { ingestRoutes } from './http/ingest-routes.js';
import { originAllowed, originGuard } from './http/origin-guard.js';
import { recordingUpload } from './http/recording-upload.js';
import { requestLog } from './http/request-log.js';
import { requireJson } from './http/require-json.js';
import { apiRoutes } from './http/routes.js';
import { forwardRuns } from './instances/forward-http.js';
import { Instances } from './instances/instances.js';
import { RemoteRuns } from './instances/live-relay.js';
import { AppMetrics } from './metrics/app-metrics.js';
import { DecodedCache } from './recording/decoded-cache.js';
import { type RecordingView, RunRecordings } from './recording/run-recordings.js';
import { SavedRecordings } from './recording/saved-recordings.js';
import { sameSecret } from './runs/run-access.js';
import { RunManager } from './runs/run-manager.js';
import type { Clock } from './runtime/clock.js';
import { attachTelemetryGateway, type RemoteRunAccess } from './socket/telemetry-gateway.js';
import { staticFiles } from './static/static-files.js';
import type { GraphStore } from './store/graph-store.js';
import { type RecordingStore, SqliteRecordingStore } from './store/recording-store.js';
import { GraphValidator } from './validation/graph-validator.js';

/** How long connections get at shutdown to end by themselves (after the runs stopped). */
const SHUTDOWN_GRACE_MS = 1_500;

export interface AppDeps {
  limits: Limits;
  /** Saved graphs. The caller opened it and closes it after `close()`. */
  store: GraphStore;
  clock?: Clock;
  /** Origins besides the app's own allowed to write and open sockets (SLUICE_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /**
   * Host names besides this machine's own that requests may be addressed to (DNS rebinding
   * protection, `host-guard.ts`; SLUICE_ALLOWED_HOSTS). Default: none.
   */
  allowedHosts?: readonly string[];
  /** The configured bind address or name (HOST); its name is allowed in Host headers. */
  host?: string;
  /** Built client to serve (dist/client); omitted in API-only tests. */
  staticDir?: string;
  /**
   * Keep one run thread started ahead with the runtime loaded, so Run does not wait for it to
   * load (main.ts: on; tests: off unless they test it). Not on a stateless instance: its runs
   * execute on runners.
   */
  spareRunThread?: boolean;
  /** Extra middleware mounted before the SPA fallback (Vite's, in development). */
  devMiddleware?: express.RequestHandler;
  /** Structured logs; silent when omitted. */
  logger?: Logger;
  /** Where runs write files (`file` sinks: `<dataDir>/runs/<runId>/`). Default: DATA_DIR or ./data. */
  dataDir?: string;
  /** Where `http-post` nodes may connect (SLUICE_HTTP_POST_ALLOW). Default: loopback only. */
  httpPostAllow?: readonly string[];
  /** Where `nats-in`/`nats-out` nodes may connect (SLUICE_NATS_ALLOW). Default: loopback only. */
  natsAllow?: readonly string[];
  /** The only directory `file-tail` nodes may read in (SLUICE_TAIL_DIR). Default: none (disabled). */
  tailDir?: string;
  /** `/metrics`: its bearer token and whether series name runs (SLUICE_METRICS_TOKEN, SLUICE_METRICS_RUN_LABELS). */
  metrics?: MetricsConfig;
  /** Saved recordings (issue 17): given, the caller closes it; default the SQLite file under `dataDir`, closed by `close()`. */
  recordingStore?: RecordingStore;
  /** Distributed mode (SLUICE_NATS_URL): the server's NATS connection. The caller closes it after `close()`. */
  cluster?: Cluster;
  /**
   * One of many stateless instances (SLUICE_CLUSTER=1, docs/instances.md): this instance's id.
   * Needs `cluster`. `createApp` starts nothing on NATS; call `startInstances()` before listening.
   */
  instanceId?: string;
}

export interface App {
  app: Express;
  httpServer: HttpServer;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  runs: RunManager;
  metrics: AppMetrics;
  /** The flight recorder (issue 17). */
  recordings: RunRecordings;
  /** SLUICE_CLUSTER: joins the instance directory and run registry (before `listen`). */
  startInstances(): Promise<Instances | undefined>;
  /** Stops every run and closes sockets and the HTTP server (not the store). */
  close(): Promise<void>;
}

/**
 * Builds the whole server from its dependencies; `main.ts` only wires real ones, tests start it on
 * port 0.
 *
 * @example
 * const { httpServer } = createApp({ limits: DEFAULT_LIMITS, store: await openStore({ dataDir: './data' }) });
 * httpServer.listen(0, '127.0.0.1');
 */
export function createApp(deps: AppDeps): App {
  const logger = deps.logger ?? pino({ level: 'silent' });
  const allowedOrigins = deps.allowedOrigins ?? [];
  const hostAllowed = hostPolicy({
    host: deps.host,
    allowedOrigins,
    allowedHosts: deps.allowedHosts ?? [],
    bound: () => {
      const a = httpServer.address();
      return a && typeof a === 'object' ? { address: a.address, port: a.port } : null;
    },
  });
  const runs = new RunManager(deps.limits, deps.clock, undefined, {
    dataDir: deps.dataDir,
    httpPostAllow: deps.httpPostAllow,
    natsAllow: deps.natsAllow,
    tailDir: deps.tailDir,
    ...(deps.cluster ? { cluster: deps.cluster } : {}),
    allOnRunners: deps.instanceId !== undefined,
    spareRunThread: deps.spareRunThread === true && deps.instanceId === undefined,
  });
  // Set by startInstances(); the forwarding middleware and the gateway read it per request.
  let instances: Instances | undefined;
  const clustered = deps.instanceId !== undefined && deps.cluster !== undefined;
  const remote: RemoteRunAccess | undefined = clustered
    ? {
        events: new RemoteRuns(deps.cluster!.nc),
        coordinatorOf: (runId) => instances?.coordinatorOf(runId) ?? Promise.resolve(undefined),
        watch: (...a) => instances!.watch(...a),
        credit: (...a) => instances!.credit(...a),
        setLocalWatchers: (...a) => instances?.setLocalWatchers(...a),
      }
    : undefined;
  // Recordings: every run's (files under DATA_DIR/recordings) and saved ones (the store).
  const recordingStore = deps.recordingStore ?? SqliteRecordingStore.open(runs.dataDir);
  const decoded = new DecodedCache<RecordingView>(2);
  const recordings = new RunRecordings(runs, runs.dataDir, deps.limits, decoded, deps.clock, (err, runId) =>
    logger.error({ err, runId }, 'flight recorder error'),
  );
  const savedRecordings = new SavedRecordings(recordingStore, decoded, deps.limits);
  const metrics = new AppMetrics(runs, {
    runLabels: deps.metrics?.runLabels ?? false,
    runners: deps.cluster?.registry,
  });
  const metricsToken = deps.metrics?.token;
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(logger, (method, status) => metrics.httpRequests.inc({ method, code: status })));
  app.use(
    helmet({
      contentSecurityPolicy: deps.devMiddleware
        ? false
        : {
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'"],
              styleSrc: ["'self'", "'unsafe-inline'"],
              imgSrc: ["'self'", 'data:', 'blob:'],
              connectSrc: ["'self'", 'ws:', 'wss:'],
              // Helmet's default would make browsers fetch every asset over https: the app is
              // often served over plain HTTP (a LAN address, HOST=0.0.0.0), where nothing would load.
              upgradeInsecureRequests: null,
            },
          },
    }),
  );
  // Host first (DNS rebinding), for every route; then origin: a forbidden cross-origin write is
  // refused before its body is even read.
  app.use(hostGuard(hostAllowed));
  app.use('/api', originGuard(allowedOrigins));
  // Runs another instance coordinates go to it, bodies as they came (before any parser).
  if (deps.instanceId !== undefined && deps.cluster)
    app.use(
      '/api',
      forwardRuns(deps.cluster.nc, {
        coordinatorOf: (runId) => instances?.coordinatorOf(runId) ?? Promise.resolve(undefined),
        coordinatorGone: (runId, instance, why) => instances!.coordinatorGone(runId, instance, why),
      }),
    );
  // http-ingest endpoints read their own bodies (NDJSON, per-node limits): before the JSON parser.
  app.use('/api', ingestRoutes(runs, deps.limits));
  // Everything else takes JSON only (415 otherwise).
  app.use('/api', requireJson);
  // Recording files are bigger than any other body: their own parser and limit, first.
  app.use('/api', recordingUpload(savedRecordings, deps.limits));
  // The limit counts inflated bytes: body-parser measures after gunzip, so a gzip bomb stops at the limit.
  app.use('/api', express.json({ limit: deps.limits.maxBodyBytes }));
  const validator = new GraphValidator();
  app.use(
    '/api',
    clusterRoutes(deps.cluster, () =>
      instances ? { instance: instances.id, instances: instances.directory.list() } : undefined,
    ),
  );
  app.use(
    '/api',
    apiRoutes({
      runs,
      store: deps.store,
      limits: deps.limits,
      dataDir: runs.dataDir,
      validator,
      recordings,
      savedRecordings,
      liveRunElsewhere: (graphId) => instances?.liveRunOf(graphId) ?? Promise.resolve(undefined),
    }),
  );
  app.get('/metrics', async (req, res) => {
    if (metricsToken !== undefined) {
      const token = bearerOf(req);
      if (token === undefined || !sameSecret(token, metricsToken))
        throw new HttpError(
          401,
          'unauthorized',
          '/metrics needs Authorization: Bearer <SLUICE_METRICS_TOKEN>',
        );
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  if (deps.devMiddleware) app.use(deps.devMiddleware);
  if (deps.staticDir && existsSync(deps.staticDir)) {
    const client = staticFiles(deps.staticDir);
    app.use(client.files);
    // Client-side routes (/, /g/<slug>, /r/<slug>, /watch/<id>) all load the editor.
    app.get(/^\/(?!api\/|socket\.io\/).*/, client.index);
  }
  app.use(
    errorHandler((err, req) =>
      logger.error({ err, reqId: req.res?.locals.reqId as unknown }, 'unhandled request error'),
    ),
  );

  const { requestTimeoutMs, keepAliveTimeoutMs } = deps.limits;
  const headersTimeoutMs = Math.min(deps.limits.headersTimeoutMs, requestTimeoutMs);
  const httpServer = createServer(
    {
      // A client that sends its headers or body slowly (or never finishes) gets 408 and is closed,
      // instead of holding a connection (and a parser) for minutes.
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      // Node checks those timeouts on this interval (default 30 s, which would stretch short ones).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, headersTimeoutMs / 4)),
    },
    app,
  );
  const connections = guardConnections(httpServer, deps.limits.maxConnectionsPerIp);
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => callback(null, hostAllowed(req) && originAllowed(req, allowedOrigins)),
    ...(allowedOrigins.length > 0 ? { cors: { origin: [...allowedOrigins] } } : {}),
  });
  attachTelemetryGateway(io, runs, {
    limits: deps.limits,
    counters: metrics.gateway,
    ...(remote ? { remote } : {}),
  });

  return {
    app,
    httpServer,
    io,
    runs,
    metrics,
    recordings,
    async startInstances() {
      if (!remote || !deps.cluster || deps.instanceId === undefined) return undefined;
      instances = await Instances.start({
        ...deps.cluster,
        id: deps.instanceId,
        runs,
        limits: deps.limits,
        remote: remote.events as RemoteRuns,
        log: (msg, extra) => logger.info(extra ?? {}, msg),
      });
      return instances;
    },
    async close() {
      // No new connections from here on; resolves once every open one has ended.
      const closed = httpServer.listening
        ? new Promise<void>((resolve) => httpServer.close(() => resolve()))
        : Promise.resolve();
      await runs.stopAll(); // subscribers hear each run stop
      await runs.closeThreads();
      await instances?.close(); // the registry has their last statuses
      await recordings.flush(); // ended runs' recordings reach their files
      if (!deps.recordingStore) await recordingStore.close();
      await validator.close(); // a validation in progress is answered 503
      // Sends every socket its disconnect. A client that is not reading never answers the
      // WebSocket close (ws waits 30 s for it), and a half-sent request body never completes:
      // neither may hold shutdown open, so whatever is left after the grace period is cut.
      io.close();
      httpServer.closeIdleConnections();
      const grace = setTimeout(() => connections.destroyAll(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
    },
  };
}
