/** Live metrics of one edge (a bounded queue), as sent in every frame. */
export interface EdgeTelemetry {
  depth: number;
  capacity: number;
  /** Items/s accepted into the queue over the last ≈1 s. */
  inRate: number;
  /** Items/s taken out by the consumer over the last ≈1 s. */
  outRate: number;
  /** Items dropped by the overflow policy since the run started. */
  dropped: number;
  /** Items dropped at the head for waiting longer than the edge's `expireMs`, since the run started; absent when none. */
  expired?: number;
  /** Items the user removed with "Empty queue", since the run started; absent when none. */
  emptied?: number;
  /** Fraction of the last tick the producer spent waiting for room in this queue. */
  blockedRatio: number;
  /** Age of the oldest queued item (time since it was enqueued), 0 when empty. */
  oldestAgeMs: number;
  /** At the current net fill rate, ms until the queue is full; null when not filling. */
  etaFullMs: number | null;
  /** Items/s offered to the queue (accepted + dropped by the overflow policy) over the last ≈1 s. */
  offeredRate?: number;
  /** Items/s dropped by the overflow policy over the last ≈1 s. */
  dropRate?: number;
  /** Unsmoothed counts since the previous frame (over `TelemetryFrame.dtMs`). */
  delta?: EdgeDelta;
  /** The edge runs fused (issue 21's fast path): no queue, in = out, depth 0. Absent = a queue. */
  fused?: true;
  /** Distributed mode: `nats` when the edge is a JetStream stream (a broker queue). Absent = memory. */
  transport?: 'memory' | 'nats';
  /** `nats` edges: deliveries that were a redelivery (a consumer died or did not ack in time), since the run started. */
  redelivered?: number;
  /**
   * Mean ms the items that left the queue over the last ≈1 s spent in it (issue 18). With
   * Little's law a steady queue's depth ≈ outRate × meanWaitMs / 1000. Absent when none left.
   */
  meanWaitMs?: number;
}

/** What happened on an edge between two frames, not smoothed. */
export interface EdgeDelta {
  in: number;
  out: number;
  dropped: number;
  /**
   * Items that arrived (accepted + dropped on arrival). Not `in + dropped`: under drop-oldest an
   * arrival is accepted and evicts an older item, so both count it. Absent from older recordings.
   */
  offered?: number;
}

/** What happened at a node between two frames, not smoothed. */
export interface NodeDelta {
  in: number;
  out: number;
}

export interface LimiterTelemetry {
  tokens: number;
  capacity: number;
  waiting: number;
  allowedRate: number;
  limitedRate: number;
  algorithm?: 'token-bucket' | 'leaky-bucket' | 'sliding-window';
  /**
   * The one gauge that means something for this algorithm, drawn as value/max with its label:
   * token bucket — tokens available of burst; leaky bucket — items waiting in the bucket of
   * burst; sliding window — permits used in the current window of the limit.
   */
  gauge?: { label: string; value: number; max: number };
}

/** Live metrics of one node's executor. busy + idle + backpressured = 1. */
export interface NodeTelemetry {
  inRate: number;
  outRate: number;
  busy: number;
  idle: number;
  backpressured: number;
  /** Processing time per item (ms), over the last ≈1 s. */
  p50Ms: number;
  p99Ms: number;
  errors: number;
  processed: number;
  /** Sinks: end-to-end latency from source emission. */
  e2eP50Ms?: number;
  e2eP99Ms?: number;
  /** Open-loop sources: items that could not be enqueued. */
  rejected?: number;
  /** Items this node sent to dead letter (out of its `error` port, or counted here when unconnected). */
  deadLettered?: number;
  /** Items skipped under `errorPolicy: skip`. */
  skipped?: number;
  /** Items this node discarded itself (rate-limit in drop mode, a window's late items with nowhere to go). */
  dropped?: number;
  /**
   * Window nodes: items that arrived for a window already closed. They go out of the `late` port,
   * or, when it leads nowhere, are counted in `dropped` as well.
   */
  late?: number;
  /** Unsmoothed counts since the previous frame (over `TelemetryFrame.dtMs`). */
  delta?: NodeDelta;
  limiter?: LimiterTelemetry;
  /**
   * Arrivals/s × mean service time ÷ concurrency over the last ≈1 s (issue 18): ρ. 1 or more
   * means the node cannot keep up with what is offered. Absent for sources.
   */
  utilization?: number;
  /** Mean ms of service per item over the last ≈1 s (what `utilization` multiplies). */
  meanServiceMs?: number;
  /** A replicated node (distributed mode): one entry per replica; the node's own numbers are their sum. */
  replicas?: ReplicaTelemetry[];
}

/** One replica of a replicated node: which runner runs it and its own numbers. */
export interface ReplicaTelemetry {
  /** Runner id (see `RunnerInfo`). */
  runner: string;
  /** The replica's number (0-based, its part is `<node>#<replica>`): stable while others restart. */
  replica?: number;
  inRate: number;
  outRate: number;
  busy: number;
  idle: number;
  backpressured: number;
  processed: number;
}

export interface TelemetryFrame {
  runId: string;
  seq: number;
  /** ms since the run started. */
  t: number;
  /** ms since the previous frame: what every `delta` counts over. */
  dtMs?: number;
  edges: Record<string, EdgeTelemetry>;
  nodes: Record<string, NodeTelemetry>;
  /**
   * The run's totals at this frame. The last frame of a run (sent when it ends, before its final
   * status) carries the final totals and every rate at 0: nothing flows any more.
   */
  totals?: RunTotals;
}

export const RUN_STATUSES = [
  'starting',
  'running',
  'paused',
  'draining',
  'completed',
  'stopped',
  'failed',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export function isFinished(status: RunStatus): boolean {
  return status === 'completed' || status === 'stopped' || status === 'failed';
}

export interface RunError {
  nodeId?: string;
  message: string;
}

/**
 * Every item that leaves the graph other than through a sink is counted under a name the user
 * sees: `dropped` (overflow policies, rate limiters in drop mode), `rejected` (open-loop sources),
 * `deadLettered` (error policy dead-letter), `skipped` (error policy skip), `expired` (waited past
 * an edge's `expireMs`), `emptied` (removed by a user's "Empty queue").
 */
export interface RunTotals {
  emitted: number;
  delivered: number;
  dropped: number;
  errors: number;
  rejected: number;
  deadLettered: number;
  skipped: number;
  /** Items an edge's `expireMs` dropped at the head (waited too long); absent when none. */
  expired?: number;
  /** Items users removed from queues with "Empty queue"; absent when none. */
  emptied?: number;
  /**
   * Items waiting in queues at this moment; absent when none. A run that ends other than
   * `completed` leaves these undelivered: the UI names them "left in queues".
   */
  queued?: number;
}

/** Totals of a run that has not counted anything yet. */
export function emptyTotals(): RunTotals {
  return { emitted: 0, delivered: 0, dropped: 0, errors: 0, rejected: 0, deadLettered: 0, skipped: 0 };
}
