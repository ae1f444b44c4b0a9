import type { Plan } from '../../../shared/compiler/plan.js';
import type { Overflow } from '../../../shared/graph/graph-schema.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import type { NodeEnv, NodeInMessage, NodeOutMessage } from '../node-io.js';
import type { RunResult } from '../run-handle.js';

/** What the main thread hands a run's worker at start. */
export interface WorkerStart {
  plan: Plan;
  runId: string;
  telemetryHz: number;
  seed?: number;
  nodeEnv?: NodeEnv;
}

/** Main thread → run worker. */
export type ToWorker =
  | { type: 'stop'; mode: 'abort' | 'drain' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'update-node'; nodeId: string; params: Record<string, unknown> }
  | { type: 'update-edge'; edgeId: string; capacity: number; overflow: Overflow }
  | { type: 'node'; nodeId: string; message: NodeInMessage };

/** Run worker → main thread. */
export type FromWorker =
  | { type: 'frame'; frame: TelemetryFrame; totals: RunTotals }
  | { type: 'status'; status: RunStatus; error?: RunError; totals: RunTotals }
  | { type: 'node'; nodeId: string; message: NodeOutMessage }
  | { type: 'done'; result: RunResult };
