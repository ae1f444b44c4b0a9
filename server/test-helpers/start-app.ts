import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/socket-events.js';
import { type App, createApp } from '../app.js';
import { DEFAULT_LIMITS, type Limits, type MetricsConfig } from '../config.js';
import type { Cluster } from '../distributed/cluster.js';
import type { Clock } from '../runtime/clock.js';
import type { GraphStore } from '../store/graph-store.js';
import type { RecordingStore } from '../store/recording-store.js';
import { SqliteGraphStore } from '../store/sqlite-graph-store.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestApp extends App {
  url: string;
  store: GraphStore;
  /** The app's data directory (a fresh temp dir, removed by `close()`). */
  dataDir: string;
  /** A socket.io client over WebSocket; rejects when the server refuses it. */
  connect(extraHeaders?: Record<string, string>): Promise<TestSocket>;
}

export interface TestAppOptions {
  allowedOrigins?: string[];
  /** Host names besides this machine's own (SLUICE_ALLOWED_HOSTS in production). */
  allowedHosts?: string[];
  logger?: Logger;
  /** Given a clock, runs execute in this thread (cheap to start) instead of worker threads. */
  clock?: Clock;
  /** Where http-post nodes may connect (default loopback only). */
  httpPostAllow?: string[];
  /** Where nats-in/nats-out nodes may connect (default loopback only). */
  natsAllow?: string[];
  /** The directory file-tail nodes may read in (default none: the kind is disabled). */
  tailDir?: string;
  /** `/metrics` token and run labels (off by default, as in production). */
  metrics?: MetricsConfig;
  /** A built client to serve (SPA routes such as /r/<slug>); none by default. */
  staticDir?: string;
  /** Distributed mode: the server's NATS connection (the test closes it after the app). */
  cluster?: Cluster;
  /** A store the test opened (Postgres); the app closes it with itself. Default: SQLite in `dataDir`. */
  store?: GraphStore;
  /** Saved recordings on the same database as `store` (`openStores`); default SQLite in `dataDir`. */
  recordingStore?: RecordingStore;
}

/** The real app on 127.0.0.1, port 0, with a real SQLite file (or the given store) in a fresh temp dir. Call `close()` in afterEach. */
export async function startTestApp(
  limits: Partial<Limits> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-test-'));
  const { store: given, ...rest } = options;
  const store = given ?? SqliteGraphStore.open(dataDir);
  const app = createApp({
    limits: { ...DEFAULT_LIMITS, ...limits },
    store,
    dataDir,
    ...rest,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];
  return {
    ...app,
    url,
    store,
    dataDir,
    async connect(extraHeaders?: Record<string, string>) {
      const socket: TestSocket = connect(url, { transports: ['websocket'], forceNew: true, extraHeaders });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function sendJson(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { status, body: json } = await sendJson('POST', url, body);
  return { status, body: json };
}

/** The contract's example: a 2,000/s source into a 500/s worker. */
export const slowConsumerGraph = {
  schemaVersion: 1,
  name: 'slow consumer',
  nodes: [
    { id: 'src', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 2000 } },
    { id: 'work', kind: 'worker', position: { x: 250, y: 0 }, params: { serviceTimeMs: 2 } },
    { id: 'out', kind: 'counter', position: { x: 500, y: 0 }, params: {} },
  ],
  edges: [
    {
      id: 'e1',
      source: 'src',
      sourcePort: 'out',
      target: 'work',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block',
    },
    {
      id: 'e2',
      source: 'work',
      sourcePort: 'out',
      target: 'out',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block',
    },
  ],
};

/**
 * `pairs` independent generator (10/s) → counter pairs: heavy telemetry frames for light work
 * (≈400 B of frame per pair).
 *
 * @example wideGraph(250) // 500 nodes, 250 edges: frames of ≈100 KB
 */
export function wideGraph(pairs: number) {
  return {
    schemaVersion: 1,
    name: 'wide',
    nodes: Array.from({ length: pairs }, (_, i) => [
      { id: `g${i}`, kind: 'generator', params: { rate: 10 } },
      { id: `c${i}`, kind: 'counter', params: {} },
    ]).flat(),
    edges: Array.from({ length: pairs }, (_, i) => ({ id: `e${i}`, source: `g${i}`, target: `c${i}` })),
  };
}

export interface StartedRun {
  runId: string;
  runToken: string;
  watchToken: string;
  /** `Authorization: Bearer <runToken>`, for sendJson's headers. */
  auth: Record<string, string>;
}

/** `POST /api/runs` with `{ graph }` (or a whole body); throws unless 201. */
export async function startRunOn(url: string, graphOrBody: unknown, extra: object = {}): Promise<StartedRun> {
  const body =
    graphOrBody && typeof graphOrBody === 'object' && ('graph' in graphOrBody || 'graphId' in graphOrBody)
      ? { ...graphOrBody, ...extra }
      : { graph: graphOrBody, ...extra };
  const res = await sendJson('POST', `${url}/api/runs`, body);
  if (res.status !== 201) throw new Error(`POST /api/runs → ${res.status} ${JSON.stringify(res.body)}`);
  const { runId, runToken, watchToken } = res.body as { runId: string; runToken: string; watchToken: string };
  return { runId, runToken, watchToken, auth: { authorization: `Bearer ${runToken}` } };
}
