import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { QueueListing } from '../../shared/protocol/queue-inspect.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import type { DroppedItem } from '../../shared/protocol/trace.js';
import type { NodeInMessage } from './node-io.js';
import type { TraceAsk } from './start-run.js';

export interface RunResult {
  status: RunStatus;
  error?: RunError;
  totals: RunTotals;
  durationMs: number;
}

/**
 * What the server holds of a run, wherever it executes (in this thread for tests and the CLI, in a
 * worker thread for the server). Commands return at once; their effect shows in status and frames.
 */
export interface RunHandle {
  readonly runId: string;
  readonly status: RunStatus;
  readonly error: RunError | undefined;
  readonly startedAtWall: number;
  readonly endedAtWall: number | undefined;
  readonly done: Promise<RunResult>;
  totals(): RunTotals;
  latestFrame(): TelemetryFrame | null;
  stop(mode: 'abort' | 'drain'): void;
  pause(): boolean;
  resume(): boolean;
  /** Params already validated with `applyLivePatch`. */
  updateNode(nodeId: string, params: Record<string, unknown>): void;
  /** `expireMs` 0 (or absent): items never expire on this edge. */
  updateEdge(edgeId: string, capacity: number, overflow: Overflow, expireMs?: number): void;
  /** A message for an I/O node (ingest items, browser credits); ignored once the run has finished. */
  toNode(nodeId: string, message: NodeInMessage): void;
  /**
   * Follow items (issue 18): hops come back through the run's `onTrace`. Absent where tracing is
   * not available (distributed runs).
   */
  trace?(ask: TraceAsk): void;
  /** "List queue" (issue 20): undefined for an unknown edge. Absent where not available (distributed). */
  queueItems?(edgeId: string): Promise<QueueListing | undefined>;
  /** "Empty queue": items removed, counted as `emptied`; undefined for an unknown edge. */
  emptyQueue?(edgeId: string): Promise<number | undefined>;
  /** Starts or stops sampling items entering an edge; they come back through the run's `onTap`. */
  tap?(edgeId: string, on: boolean): void;
  /** The last items edge `edgeId` dropped, oldest first; undefined for an unknown edge. */
  drops?(edgeId: string): Promise<DroppedItem[] | undefined>;
  /**
   * Ends the run without its cooperation (shutdown, when `stop` was not answered in time: a
   * thread still loading, or stuck). It ends `stopped`; `done` resolves. Absent for in-thread runs.
   */
  terminate?(): void;
}
