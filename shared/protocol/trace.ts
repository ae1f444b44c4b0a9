/**
 * Following one item through the graph (issue 18). `POST /api/runs/:runId/trace { nodeId, count }`
 * → `{ traceIds }` marks the next `count` items that node emits (or `{ nodeId, every: N }`: one in
 * N, continuously); socket `run:trace { runId, traceId, hops }` carries hops as they happen; `GET
 * /api/runs/:runId/traces/:traceId` → `{ traceId, hops }`.
 */

export const HOP_EVENTS = [
  'enqueued',
  'dequeued',
  'started',
  'finished',
  'retried',
  'dropped',
  'dead-lettered',
  'delivered',
] as const;
export type HopEvent = (typeof HOP_EVENTS)[number];

/** One thing that happened to a traced item. `t` is ms since the run started. */
export interface Hop {
  event: HopEvent;
  t: number;
  nodeId?: string;
  edgeId?: string;
  /** `enqueued`: items in the queue on arrival (before this one). `dropped`: depth when dropped. */
  depth?: number;
  /** `dequeued`: ms it waited in the queue. */
  waitMs?: number;
  /** `finished`: ms of service at the node. */
  serviceMs?: number;
  /** `retried`: the attempt that failed (1-based) and the backoff before the next, in `waitMs`. */
  attempt?: number;
  /** `dropped`: which policy (`drop-newest`, `drop-oldest`, `rate-limit`, `late`, `expired`, `filtered`, `skipped`…). */
  reason?: string;
  /** `delivered`: end-to-end ms from source emission. */
  e2eMs?: number;
  /** A batch/window result: the trace ids of the items it was made from (this trace is one of them). */
  mergedInto?: string;
}

export interface TraceRequest {
  nodeId: string;
  /** The next `count` items the node emits (1–20). */
  count?: number;
  /** Instead: one in `every` items, continuously, until the run ends or `every: 0`. */
  every?: number;
}

export interface TraceResponse {
  traceIds: string[];
}

export interface TraceMessage {
  runId: string;
  traceId: string;
  /** The node the trace started at: on the trace's first message. */
  nodeId?: string;
  /** Hops new since the last message for this trace. */
  hops: Hop[];
  /** The item has left the graph (delivered, dropped or dead-lettered on every path). */
  done?: boolean;
}

export interface TraceDetail {
  traceId: string;
  /** Node the trace started at. */
  nodeId: string;
  hops: Hop[];
  done: boolean;
}

/**
 * One entry of an edge's drop ledger (the last 100 dropped items, for the inspector):
 * `GET /api/runs/:runId/edges/:edgeId/drops` → `{ drops: DroppedItem[] }` (run or watch token).
 */
export interface DroppedItem {
  t: number;
  /** `drop-newest`, `drop-oldest`, `expired`… */
  policy: string;
  depth: number;
  /** The item, shortened for display (see display-item.ts). */
  item: unknown;
}

/**
 * A followed item as the flight recorder keeps it (issue 18 in recordings): its hops on the
 * frames' time axis. `GET /api/runs/:runId/traces?from&to` and `GET /api/recordings/:slug/traces`
 * answer the ones whose hops overlap the window (`TracesResponse`).
 */
export interface RecordedTrace {
  traceId: string;
  /** Node the trace started at ('' when not known). */
  nodeId: string;
  hops: Hop[];
  /** The item left the graph (or the run ended) before the recording was read. */
  done: boolean;
}

export interface TracesResponse {
  /** Traces with a hop in [from, to] or spanning it, oldest first. */
  traces: RecordedTrace[];
}
