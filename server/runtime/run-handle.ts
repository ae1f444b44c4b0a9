import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import type { NodeInMessage } from './node-io.js';

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
  updateEdge(edgeId: string, capacity: number, overflow: Overflow): void;
  /** A message for an I/O node (ingest items, browser credits); ignored once the run has finished. */
  toNode(nodeId: string, message: NodeInMessage): void;
  /**
   * Ends the run without its cooperation (shutdown, when `stop` was not answered in time: a
   * thread still loading, or stuck). It ends `stopped`; `done` resolves. Absent for in-thread runs.
   */
  terminate?(): void;
}
