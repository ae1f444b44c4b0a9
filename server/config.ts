/** A limit that protects the server: a default, an environment override, and a name errors can cite. */
export interface Limits {
  /** Runs executing at once (429 `too_many_runs`). */
  maxConcurrentRuns: number;
  /** A run longer than this is stopped with the reason. */
  maxRunDurationMs: number;
  /** JSON request bodies, bytes (413 `too_large`). */
  maxBodyBytes: number;
  /** Nodes and edges per graph (400 naming the limit). */
  maxNodes: number;
  maxEdges: number;
  /** Socket subscribers per run (429). */
  maxSubscribersPerRun: number;
  /** Highest generator rate, items/s (400). */
  maxGeneratorRate: number;
}

export const LIMIT_ENV: Record<keyof Limits, string> = {
  maxConcurrentRuns: 'SLUICE_MAX_RUNS',
  maxRunDurationMs: 'SLUICE_MAX_RUN_MS',
  maxBodyBytes: 'SLUICE_MAX_BODY_BYTES',
  maxNodes: 'SLUICE_MAX_NODES',
  maxEdges: 'SLUICE_MAX_EDGES',
  maxSubscribersPerRun: 'SLUICE_MAX_SUBSCRIBERS',
  maxGeneratorRate: 'SLUICE_MAX_GENERATOR_RATE',
};

export const DEFAULT_LIMITS: Limits = {
  maxConcurrentRuns: 4,
  maxRunDurationMs: 30 * 60_000,
  maxBodyBytes: 1024 * 1024,
  maxNodes: 500,
  maxEdges: 2000,
  maxSubscribersPerRun: 500,
  maxGeneratorRate: 10_000_000,
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
