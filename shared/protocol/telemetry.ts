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
  /** Fraction of the last tick the producer spent waiting for room in this queue. */
  blockedRatio: number;
  /** Age of the oldest queued item (time since it was enqueued), 0 when empty. */
  oldestAgeMs: number;
  /** At the current net fill rate, ms until the queue is full; null when not filling. */
  etaFullMs: number | null;
}

export interface LimiterTelemetry {
  tokens: number;
  capacity: number;
  waiting: number;
  allowedRate: number;
  limitedRate: number;
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
  limiter?: LimiterTelemetry;
}

export interface TelemetryFrame {
  runId: string;
  seq: number;
  /** ms since the run started. */
  t: number;
  edges: Record<string, EdgeTelemetry>;
  nodes: Record<string, NodeTelemetry>;
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

export interface RunTotals {
  emitted: number;
  delivered: number;
  dropped: number;
  errors: number;
}
