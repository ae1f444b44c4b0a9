import { MAX_SOURCE_RATE } from '../shared/catalog/kinds/source-rates.js';
import { parseAllowedHosts } from './http/host-guard.js';
import { DEFAULT_EGRESS, EgressConfigError, egressPolicy } from './runtime/egress-policy.js';

/** A limit that protects the server: a default, an environment override, and a name errors can cite. */
export interface Limits {
  /** Runs executing at once (429 `too_many_runs`). */
  maxConcurrentRuns: number;
  /** A run longer than this is stopped with the reason. */
  maxRunDurationMs: number;
  /** Heap of one run's worker thread, MB; a run that needs more ends `failed`. */
  runMemoryMb: number;
  /** JSON request bodies, bytes, measured after gzip/deflate inflation (413 `too_large`). */
  maxBodyBytes: number;
  /** Nodes and edges per graph (400 naming the limit). */
  maxNodes: number;
  maxEdges: number;
  /** Any string in an imported graph, characters (400 `limit_exceeded`). */
  maxStringLength: number;
  /** A param its kind declares as an expression (map `expression`, partition `key`, …), characters (400). */
  maxExpressionLength: number;
  /** Nesting of objects and arrays in an imported graph (400 `limit_exceeded`). */
  maxNestingDepth: number;
  /** Socket subscribers per run (429). */
  maxSubscribersPerRun: number;
  /** Highest generator rate, items/s (400). */
  maxGeneratorRate: number;
  /** A socket that cannot take telemetry for this long is disconnected. */
  maxSocketStallMs: number;
  /** Server cap of one `file` sink's output, bytes (the node's own `maxBytes` may be lower). */
  maxFileBytes: number;
  /** Output folders (`DATA_DIR/runs/<runId>`) of this many finished runs are kept; older ones are removed. */
  keepRunFiles: number;
  /** Bytes all `file` sinks of one run may write together; past it they stop writing (or fail with `onFull: fail`). */
  maxRunFilesBytes: number;
  /** Bytes under `DATA_DIR/runs` (kept finished runs and running ones together); past it `file` sinks stop writing. */
  maxFilesBytes: number;
  /** Time to receive a whole request, headers and body, ms; then 408 and the connection is closed. */
  requestTimeoutMs: number;
  /** Time to receive a request's headers, ms (at most `requestTimeoutMs`); then 408. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this, ms. */
  keepAliveTimeoutMs: number;
  /** Open connections (HTTP and sockets) from one remote address; more are refused with 429. */
  maxConnectionsPerIp: number;
  /** A run no one watches any more is stopped this long after its last watcher left (unless keepRunning). */
  orphanGraceMs: number;
  /** Flight recorder: a run's recording past this many MB thins its older part (issue 17, docs/recordings.md). */
  maxRecordingMb: number;
  /** Recordings of this many ended runs are kept under `DATA_DIR/recordings`; older files are removed. */
  keepRecordings: number;
}

export const LIMIT_ENV: Record<keyof Limits, string> = {
  maxConcurrentRuns: 'SLUICE_MAX_RUNS',
  maxRunDurationMs: 'SLUICE_MAX_RUN_MS',
  runMemoryMb: 'SLUICE_RUN_MEMORY_MB',
  maxBodyBytes: 'SLUICE_MAX_BODY_BYTES',
  maxNodes: 'SLUICE_MAX_NODES',
  maxEdges: 'SLUICE_MAX_EDGES',
  maxStringLength: 'SLUICE_MAX_STRING_LENGTH',
  maxExpressionLength: 'SLUICE_MAX_EXPRESSION_LENGTH',
  maxNestingDepth: 'SLUICE_MAX_NESTING_DEPTH',
  maxSubscribersPerRun: 'SLUICE_MAX_SUBSCRIBERS',
  maxGeneratorRate: 'SLUICE_MAX_GENERATOR_RATE',
  maxSocketStallMs: 'SLUICE_MAX_SOCKET_STALL_MS',
  maxFileBytes: 'SLUICE_MAX_FILE_BYTES',
  keepRunFiles: 'SLUICE_KEEP_RUN_FILES',
  maxRunFilesBytes: 'SLUICE_MAX_RUN_FILES_BYTES',
  maxFilesBytes: 'SLUICE_MAX_FILES_BYTES',
  requestTimeoutMs: 'SLUICE_REQUEST_TIMEOUT_MS',
  headersTimeoutMs: 'SLUICE_HEADERS_TIMEOUT_MS',
  keepAliveTimeoutMs: 'SLUICE_KEEP_ALIVE_TIMEOUT_MS',
  maxConnectionsPerIp: 'SLUICE_MAX_CONNECTIONS_PER_IP',
  orphanGraceMs: 'SLUICE_ORPHAN_GRACE_MS',
  maxRecordingMb: 'SLUICE_MAX_RECORDING_MB',
  keepRecordings: 'SLUICE_KEEP_RECORDINGS',
};

export const DEFAULT_LIMITS: Limits = {
  maxConcurrentRuns: 4,
  maxRunDurationMs: 30 * 60_000,
  runMemoryMb: 512,
  maxBodyBytes: 1024 * 1024,
  maxNodes: 500,
  maxEdges: 2000,
  maxStringLength: 10_000,
  maxExpressionLength: 2_000,
  maxNestingDepth: 16,
  maxSubscribersPerRun: 500,
  maxGeneratorRate: MAX_SOURCE_RATE,
  maxSocketStallMs: 30_000,
  maxFileBytes: 100 * 1024 * 1024,
  keepRunFiles: 20,
  maxRunFilesBytes: 256 * 1024 * 1024,
  maxFilesBytes: 1024 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerIp: 64,
  orphanGraceMs: 30_000,
  maxRecordingMb: 64,
  keepRecordings: 20,
};

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(LIMIT_ENV) as (keyof Limits)[]) {
    const raw = env[LIMIT_ENV[key]];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`${LIMIT_ENV[key]} must be a positive number, got "${raw}"`);
    limits[key] = n;
  }
  return limits;
}

/**
 * Origins besides the app's own that may write to the API and open sockets
 * (`SLUICE_ALLOWED_ORIGINS`, comma-separated, e.g. `https://sluice.example.org`).
 */
export function allowedOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.SLUICE_ALLOWED_ORIGINS ?? '';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      let origin = 'null';
      try {
        origin = new URL(s).origin;
      } catch {}
      // An opaque origin ("null", "foo:bar") would let sandboxed and file:// pages in.
      if (origin === 'null')
        throw new Error(`SLUICE_ALLOWED_ORIGINS: "${s}" is not an origin like https://example.org`);
      return origin;
    });
}

/**
 * Host names, besides this machine's own, that requests may be addressed to
 * (`SLUICE_ALLOWED_HOSTS`, comma-separated: `name`, `name:port`, or `*` for any). Other Host
 * headers get 403 `forbidden_host`: see `host-guard.ts` (DNS rebinding).
 */
export function allowedHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const entries = (env.SLUICE_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  try {
    return parseAllowedHosts(entries);
  } catch (err) {
    throw new Error(`SLUICE_ALLOWED_HOSTS: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Where `http-post` nodes may connect (`SLUICE_HTTP_POST_ALLOW`, comma-separated: `loopback`,
 * addresses, CIDR ranges, host names, `*.suffix`, or `*`). Unset: loopback only. See
 * `egress-policy.ts` for why, and how each connection is checked.
 */
export function httpPostAllowFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return egressAllowFromEnv('SLUICE_HTTP_POST_ALLOW', env);
}

/** Where `nats-in`/`nats-out` nodes may connect (`SLUICE_NATS_ALLOW`): the same syntax and default. */
export function natsAllowFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return egressAllowFromEnv('SLUICE_NATS_ALLOW', env);
}

function egressAllowFromEnv(name: string, env: NodeJS.ProcessEnv): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_EGRESS];
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  try {
    egressPolicy(entries);
  } catch (err) {
    if (err instanceof EgressConfigError) throw new Error(`${name}: ${err.message}`);
    throw err;
  }
  return entries;
}

/** The only directory `file-tail` nodes may read in (`SLUICE_TAIL_DIR`); unset or empty: the kind is disabled. */
export function tailDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.SLUICE_TAIL_DIR?.trim();
  return raw ? raw : undefined;
}

/** Who may scrape `/metrics`, and whether its series name runs and nodes. */
export interface MetricsConfig {
  /** `SLUICE_METRICS_TOKEN`: when set, `/metrics` needs `Authorization: Bearer <it>`. */
  token?: string;
  /** `SLUICE_METRICS_RUN_LABELS=1`: per-run series with run, node and edge ids (off: aggregates only). */
  runLabels: boolean;
}

export function metricsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MetricsConfig {
  const token = env.SLUICE_METRICS_TOKEN?.trim();
  const labels = env.SLUICE_METRICS_RUN_LABELS?.trim() ?? '';
  if (labels !== '' && labels !== '0' && labels !== '1')
    throw new Error(`SLUICE_METRICS_RUN_LABELS must be 0 or 1, got "${labels}"`);
  return { ...(token ? { token } : {}), runLabels: labels === '1' };
}

/**
 * `SLUICE_SPARE_RUN_THREAD=0` turns off the run thread kept started ahead (on by default: Run
 * then waits for no module loading). Test helpers that start many short-lived servers turn it
 * off, as each spare loads the whole runtime once.
 */
export function spareRunThreadFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.SLUICE_SPARE_RUN_THREAD?.trim() ?? '';
  if (raw !== '' && raw !== '0' && raw !== '1')
    throw new Error(`SLUICE_SPARE_RUN_THREAD must be 0 or 1, got "${raw}"`);
  return raw !== '0';
}

/**
 * `SLUICE_NATS_URL`: distributed mode's NATS server(s), comma-separated `nats://` or `tls://` URLs
 * (e.g. `nats://127.0.0.1:4222`). Unset: embedded mode, nothing changes.
 */
export function natsUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.SLUICE_NATS_URL?.trim();
  if (!raw) return undefined;
  const urls = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const s of urls) {
    let url: URL | undefined;
    try {
      url = new URL(s);
    } catch {}
    if (!url || (url.protocol !== 'nats:' && url.protocol !== 'tls:') || url.hostname === '')
      throw new Error(`SLUICE_NATS_URL: "${s}" is not a URL like nats://127.0.0.1:4222 (nats:// or tls://)`);
  }
  return urls.join(',');
}
