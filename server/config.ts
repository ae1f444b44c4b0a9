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
  maxGeneratorRate: 10_000_000,
  maxSocketStallMs: 30_000,
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
