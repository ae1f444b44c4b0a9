import type { DiskBudget } from './disk-budget.js';
import type { Item } from './node-behavior.js';

/**
 * What I/O kinds exchange with the world outside the run (the main thread: HTTP clients and socket
 * subscribers). The run relays these; it never looks inside. Sent across threads by structured
 * clone, so they hold plain data only.
 */

/** Outside → node. */
export type NodeInMessage =
  /** `http-ingest`: items the main thread accepted against the credit it held for this node. */
  | { type: 'ingest'; items: Item[] }
  /** `browser`: the UI may take `n` more items. */
  | { type: 'credit'; n: number };

/** Node → outside. */
export type NodeOutMessage =
  /** `http-ingest`: `n` buffer slots were freed (items handed on to the graph): the main thread may accept `n` more. */
  | { type: 'ingest-credit'; n: number }
  /** `browser`: items delivered against credits. */
  | { type: 'items'; items: Item[] }
  /** `log`: sampled lines, and how many items were sampled out since the run started. */
  | { type: 'log'; lines: string[]; sampledOut: number };

/** A node's side channel, built by the run for every node (only I/O kinds use it). */
export interface NodeIo {
  send(message: NodeOutMessage): void;
  /** Sets the handler for messages addressed to this node (one handler per node). */
  onMessage(handler: (message: NodeInMessage) => void): void;
}

/** Server configuration I/O kinds need; the same for every node of a run. */
export interface NodeEnv {
  /** `<dataDir>/runs/<runId>/<nodeId>.jsonl` for `file` sinks. Default: DATA_DIR or ./data. */
  dataDir?: string;
  /** Server cap of one `file` sink's output, bytes (SLUICE_MAX_FILE_BYTES). */
  maxFileBytes?: number;
  /** What this run's `file` sinks may write together (SLUICE_MAX_RUN_FILES_BYTES); shared by them. */
  runFilesBudget?: DiskBudget;
  /** What every run's `file` sinks may have on disk together (SLUICE_MAX_FILES_BYTES); shared across threads. */
  filesBudget?: DiskBudget;
  /** Where `http-post` may connect (SLUICE_HTTP_POST_ALLOW). Default: loopback only. */
  httpPostAllow?: readonly string[];
  /** Where `nats-in`/`nats-out` may connect (SLUICE_NATS_ALLOW). Default: loopback only. */
  natsAllow?: readonly string[];
  /** The only directory `file-tail` may read in (SLUICE_TAIL_DIR). Unset: the kind is disabled. */
  tailDir?: string;
}

/** A side channel that goes nowhere: runs without a listener (the CLI, tests that do not care). */
export function silentIo(): NodeIo {
  return { send() {}, onMessage() {} };
}
