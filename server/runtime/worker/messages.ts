import type { Plan } from '../../../shared/compiler/plan.js';
import type { Overflow } from '../../../shared/graph/graph-schema.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import type { RunResult } from '../run-handle.js';

/** What the main thread hands a run's worker at start. */
export interface WorkerStart {
  plan: Plan;
  runId: string;
  telemetryHz: number;
  seed?: number;
}

/** Main thread → run worker. */
export type ToWorker =
  | { type: 'stop'; mode: 'abort' | 'drain' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'update-node'; nodeId: string; params: Record<string, unknown> }
  | { type: 'update-edge'; edgeId: string; capacity: number; overflow: Overflow };

/** Run worker → main thread. */
export type FromWorker =
  | { type: 'frame'; frame: TelemetryFrame; totals: RunTotals }
  | { type: 'status'; status: RunStatus; error?: RunError; totals: RunTotals }
  | { type: 'done'; result: RunResult };
