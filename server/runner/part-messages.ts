import type { StartPart } from '../../shared/protocol/cluster.js';
import type { RunError, RunStatus, RunTotals } from '../../shared/protocol/telemetry.js';
import type { NodeEnv } from '../runtime/node-io.js';

/** What a runner hands a part's worker thread. */
export interface PartWorkerData {
  natsUrl: string;
  runnerId: string;
  start: StartPart;
  nodeEnv?: NodeEnv;
  /** A part with no coordinator listening this long stops itself (default `ORPHAN_PART_MS`). */
  orphanMs?: number;
}

/** Runner → part thread. Everything else reaches the part over NATS from the coordinator. */
export type ToPart = { type: 'stop'; mode: 'abort' | 'drain'; reason?: string };

/** Part thread → runner. */
export type FromPart =
  /** Connected and listening to the run's commands: the runner may answer `StartPart` ok. */
  | { type: 'ready' }
  /** The part's latest totals (for the `done` the runner sends if the thread dies). */
  | { type: 'totals'; totals: RunTotals }
  /** The part's `done` event was published and flushed: the runner need not send one. */
  | { type: 'done-published'; status: RunStatus; error?: RunError };
