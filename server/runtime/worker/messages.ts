import type { Plan } from '../../../shared/compiler/plan.js';
import type { Overflow } from '../../../shared/graph/graph-schema.js';
import type { QueueListing, TapMessage } from '../../../shared/protocol/queue-inspect.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import type { DroppedItem, TraceMessage } from '../../../shared/protocol/trace.js';
import type { NodeEnv, NodeInMessage, NodeOutMessage } from '../node-io.js';
import type { RunResult } from '../run-handle.js';
import type { TraceAsk } from '../start-run.js';

/** What the main thread hands a run's worker at start. */
export interface WorkerStart {
  plan: Plan;
  runId: string;
  telemetryHz: number;
  seed?: number;
  nodeEnv?: NodeEnv;
}

/** The `workerData` of a spare run thread (`spare-run-thread.ts`): its run comes as `SpareStart`. */
export interface SpareData {
  spare: true;
}

/** Main thread → a spare run thread, once: the run it is to execute. */
export interface SpareStart {
  type: 'start';
  start: WorkerStart;
}

/** Main thread → run worker. */
export type ToWorker =
  | { type: 'stop'; mode: 'abort' | 'drain' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'update-node'; nodeId: string; params: Record<string, unknown> }
  | { type: 'update-edge'; edgeId: string; capacity: number; overflow: Overflow; expireMs?: number }
  | { type: 'node'; nodeId: string; message: NodeInMessage }
  | { type: 'trace'; ask: TraceAsk }
  | { type: 'drops'; edgeId: string; reqId: number }
  | { type: 'queue-items' | 'empty-queue'; edgeId: string; reqId: number }
  | { type: 'tap'; edgeId: string; on: boolean };

/** Run worker → main thread. */
export type FromWorker =
  | { type: 'frame'; frame: TelemetryFrame; totals: RunTotals }
  | { type: 'status'; status: RunStatus; error?: RunError; totals: RunTotals }
  | { type: 'node'; nodeId: string; message: NodeOutMessage }
  | { type: 'trace'; messages: TraceMessage[] }
  | { type: 'drops'; reqId: number; drops: DroppedItem[] | undefined }
  /** As the run ends: the edges' drop ledgers (bounded), read after the thread is gone. */
  | { type: 'ledgers'; ledgers: Record<string, DroppedItem[]> }
  /** The answer to a `queue-items` or `empty-queue` (undefined: no such memory edge). */
  | { type: 'reply'; reqId: number; value: QueueListing | number | undefined }
  | { type: 'tap'; message: TapMessage }
  | { type: 'done'; result: RunResult };
