import { z } from 'zod';
import type { CatalogEntry } from '../catalog/catalog.js';
import type { Issue } from '../compiler/issue.js';
import { expireMsSchema, MAX_CAPACITY, type Overflow, overflowSchema } from '../graph/graph-schema.js';
import type { RunnerInfo } from './cluster.js';
import type { RunError, RunStatus, RunTotals } from './telemetry.js';

/** Every REST error body. */
export interface ApiError {
  error: string;
  message: string;
  issues?: Issue[];
}

export const createRunRequestSchema = z
  .object({
    graph: z.unknown().optional(),
    graphId: z.string().min(1).max(64).optional(),
    revision: z.number().int().min(1).optional(),
    telemetryHz: z.number().min(1).max(30).default(10),
    /** Keep executing when no one watches (otherwise it stops a grace period after its last watcher leaves). */
    keepRunning: z.boolean().default(false),
    /**
     * Fast path for the whole run (issue 21): every edge between fusable nodes runs fused, as one
     * loop with no queue, unless its document says `fuse: false` (see docs/contract.md).
     */
    fuse: z.boolean().default(false),
  })
  .strict()
  .refine((b) => (b.graph === undefined) !== (b.graphId === undefined), {
    message: 'give either "graph" or "graphId"',
  });
export type CreateRunRequest = z.input<typeof createRunRequestSchema>;

export const stopRunRequestSchema = z.object({ mode: z.enum(['abort', 'drain']).default('abort') }).strict();
export type StopMode = z.output<typeof stopRunRequestSchema>['mode'];

/** A run token, watch token or ingest key as clients send it (nanoid, but any printable ASCII is read). */
export const accessTokenSchema = z.string().min(1).max(200);

/** `run:subscribe` / `run:unsubscribe`: subscribing needs the run token or the watch token. */
export const subscribePayloadSchema = z
  .object({
    runId: z.string().min(1).max(64),
    token: accessTokenSchema.optional(),
    /** Opt-in: `run:telemetry-delta` instead of most whole frames (docs/telemetry.md). */
    delta: z.boolean().optional(),
  })
  .strict();

/** `PATCH /api/runs/:runId` (run token): keep it going with no one watching; publish its watch link. */
export const patchRunRequestSchema = z
  .object({ keepRunning: z.boolean().optional(), shareWatch: z.boolean().optional() })
  .strict();
export type PatchRunRequest = z.input<typeof patchRunRequestSchema>;

export interface PatchRunResponse {
  keepRunning: boolean;
  shareWatch: boolean;
}

/** `GET /api/graphs/:idOrSlug/live-run`: the newest live run of a saved graph whose owner shared it. */
export interface LiveRunResponse {
  runId: string;
  watchToken: string;
  status: RunStatus;
}

/** Most credit one `sink:credit` may grant (a browser sink caps what it holds at 100,000). */
export const MAX_CREDIT_GRANT = 10_000;

/** `sink:credit`: the client may take `n` more items from a run's `browser` sink. */
export const sinkCreditPayloadSchema = z
  .object({
    runId: z.string().min(1).max(64),
    nodeId: z.string().min(1).max(200),
    n: z.number().int().min(1).max(MAX_CREDIT_GRANT),
    /** The run token: only the run's owner opens the tap (a watch token does not). */
    token: accessTokenSchema.optional(),
  })
  .strict();
export type SinkCreditPayload = z.infer<typeof sinkCreditPayloadSchema>;

/** `POST /api/runs/:runId/ingest/:nodeId` → 202: every item of the request is in the node's buffer. */
export interface IngestResponse {
  accepted: number;
}

export interface CreateRunResponse {
  runId: string;
  /** Controls and watches the run: `Authorization: Bearer <runToken>`, socket payloads' `token`. */
  runToken: string;
  /** Watches the run read-only; the owner chooses whether to share it (a watch link). */
  watchToken: string;
}

export interface RunInfo {
  runId: string;
  status: RunStatus;
  startedAt: string;
  endedAt?: string;
  /** The graph document the run executes (defaults resolved): what a watch page draws. */
  graph?: unknown;
  error?: RunError;
  /** Why the server ended the run, when it did (e.g. its duration limit); as in `run:status`. */
  reason?: string;
  /** @deprecated The same as `reason`, kept for clients that read it. */
  stopReason?: string;
  totals: RunTotals;
  /** What the token sent allows: `owner` (run token) controls, `watcher` (watch token) only reads. */
  access?: 'owner' | 'watcher';
  /** Owner only: the watch token, to share as a watch link. */
  watchToken?: string;
  /** Owner only: each `http-ingest` node's key (`Authorization: Bearer <key>` on its ingest endpoint). */
  ingestKeys?: Record<string, string>;
  /** Owner only: whether it keeps executing with no one watching, and whether its watch link is published. */
  keepRunning?: boolean;
  shareWatch?: boolean;
}

export interface CatalogResponse {
  kinds: CatalogEntry[];
}

export interface HealthResponse {
  ok: true;
  version: string;
}

// ── Saved graphs ────────────────────────────────────────────────────────────────────────────────
// POST /api/graphs and PUT /api/graphs/:id take the graph document itself (graphSchema). A save
// needs a valid *document* (schema, no poisoning keys, within the limits), not a runnable graph:
// work in progress may have an unconnected port or an out-of-range param. What would stop it from
// running comes back as `issues` on the save, and as `compile_failed` when it is run.

export interface CreateGraphResponse {
  id: string;
  slug: string;
  revision: number;
  /** Returned once, never stored in clear: send it as `Authorization: Bearer <editToken>` to save. */
  editToken: string;
  /** Why the saved graph would not run yet (empty when it compiles). */
  issues: Issue[];
}

export interface UpdateGraphResponse {
  revision: number;
  issues: Issue[];
}

export interface GraphResponse {
  id: string;
  slug: string;
  revision: number;
  name: string;
  graph: unknown;
  createdAt: string;
  updatedAt: string;
  /**
   * The id of the graph this one was forked from — only for a request carrying this graph's edit
   * token; null otherwise, so reading a fork never leads to a graph whose link you were not given.
   */
  forkedFrom: string | null;
}

export interface RevisionListResponse {
  revisions: { revision: number; createdAt: string }[];
}

export interface RevisionResponse {
  revision: number;
  graph: unknown;
  createdAt: string;
}

export interface GraphSummary {
  id: string;
  slug: string;
  name: string;
  updatedAt: string;
}

/**
 * `GET /api/graphs` lists only the graphs whose edit tokens the request carries
 * (`Authorization: Bearer <t1> <t2> …`), at most this many tokens per request: about 8 KB of
 * header, well under Node's 16 KB header limit. Without the header the list is empty.
 */
export const MAX_LIST_TOKENS = 256;

/** `POST /api/graphs/:id/claim` with `Authorization: Bearer <editToken>`: the token opens this graph. */
export interface ClaimGraphResponse {
  id: string;
  slug: string;
  revision: number;
}

export interface GraphListResponse {
  graphs: GraphSummary[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export const listGraphsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(64).optional(),
  })
  .strict();

/** Fork the head (or a given revision) into a new graph with its own edit token. */
export const forkGraphRequestSchema = z
  .object({
    revision: z.number().int().min(1).optional(),
    name: z.string().max(200).optional(),
  })
  .strict();

export const revisionParamSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

// ── Live edits ──────────────────────────────────────────────────────────────────────────────────

const liveIdSchema = z.string().min(1).max(64);

export const patchRunParamsRequestSchema = z
  .object({
    nodes: z.record(liveIdSchema, z.record(z.string().max(64), z.unknown())).optional(),
    edges: z
      .record(
        liveIdSchema,
        z
          .object({
            capacity: z.number().int('must be a whole number').min(0).max(MAX_CAPACITY).optional(),
            overflow: overflowSchema.optional(),
            /** null: items no longer expire. */
            expireMs: expireMsSchema.nullable().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type PatchRunParamsRequest = z.input<typeof patchRunParamsRequestSchema>;

export interface PatchRunParamsResponse {
  /** The full params and edge settings now in effect for everything the patch touched. */
  applied: {
    nodes: Record<string, Record<string, unknown>>;
    edges: Record<string, { capacity: number; overflow: Overflow; expireMs?: number }>;
  };
}

/** `GET /api/cluster`: embedded (one process) or distributed over NATS, and the runners heard from. */
export interface ClusterResponse {
  mode: 'embedded' | 'nats';
  runners: RunnerInfo[];
  /** SLUICE_CLUSTER=1: the instance answering, and every instance it hears (docs/instances.md). */
  instance?: string;
  instances?: { id: string; host: string; heartbeatAgeMs: number }[];
}
