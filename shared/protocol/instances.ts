import type { RunError, RunStatus } from './telemetry.js';

/**
 * Stateless instances (SLUICE_CLUSTER=1, docs/instances.md): what server instances say to each
 * other over NATS. JSON on plain subjects; the registries are JetStream streams used as KV.
 */

/** Instance heartbeats, one key per instance (stream `sluice_kv_instances`). */
export const INSTANCES_PREFIX = 'sluice.kv.instances';
/** Run registry, one key per run (stream `sluice_kv_runs`). */
export const RUNS_PREFIX = 'sluice.kv.runs';
/** Request/reply to one instance: `InstanceRpc` → `RpcReply`. */
export const instanceRpcSubject = (instanceId: string) => `sluice.instance.${instanceId}.rpc`;
/** The coordinator → every instance watching: one subject per kind of run event. */
export const runLiveSubject = (runId: string, kind: LiveKind) => `sluice.run.${runId}.live.${kind}`;
export const runLiveWildcard = (runId: string) => `sluice.run.${runId}.live.>`;

export type LiveKind = 'frame' | 'status' | 'items' | 'log' | 'trace' | 'tap';

export const INSTANCE_HEARTBEAT_MS = 1_000;
/** An instance not heard from for this long is dead: the runs it coordinated end `failed`. */
export const INSTANCE_DEAD_AFTER_MS = 3_000;
/** The reason a run whose coordinator died ends with. */
export const COORDINATOR_GONE_REASON = 'the server instance that coordinated it stopped';

export interface InstanceHeartbeat {
  id: string;
  host: string;
  startedAt: number;
  /** Sender's wall clock. */
  at: number;
}

/** One run in the registry. Token hashes only (sha256, hex): the tokens stay with their owner. */
export interface RunRecord {
  instance: string;
  status: RunStatus;
  startedAt: number;
  runTokenHash: string;
  watchTokenHash: string;
  graphId?: string;
  error?: RunError;
  reason?: string;
}

/** A request replayed on the coordinator's own app. */
export interface ForwardedHttp {
  op: 'http';
  method: string;
  /** Path and query, starting with `/api/`. */
  url: string;
  headers: Record<string, string>;
  /** Base64; absent for no body. */
  body?: string;
  /** Subject the coordinator publishes body chunks 2…n on. */
  more: string;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  /** Base64 of the first chunk. */
  body: string;
  /** Chunks in all (1: the body is complete). */
  chunks: number;
}

/** A socket on another instance wants to watch a run (token check and subscriber limit here). */
export interface WatchRequest {
  op: 'watch';
  runId: string;
  token: string;
  /** That instance's watchers of the run with this socket, so the limit counts them. */
  instance: string;
  count: number;
}

/** That instance's number of sockets watching the run now (on change and every 2 s). */
export interface WatchersReport {
  op: 'watchers';
  runId: string;
  instance: string;
  count: number;
}

export interface CreditRequest {
  op: 'credit';
  runId: string;
  nodeId: string;
  n: number;
  token: string;
}

export type InstanceRpc = ForwardedHttp | WatchRequest | WatchersReport | CreditRequest;

export type RpcReply =
  | ({ ok: true } & Record<string, unknown>)
  | { ok: false; error: string; message: string };
