import type { Plan } from '../compiler/plan.js';
import type { Overflow } from '../graph/graph-schema.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from './telemetry.js';

/**
 * Distributed mode (SLUICE_NATS_URL): what the server (each run's coordinator) and runner
 * processes say to each other over NATS. JSON on plain NATS subjects; items themselves travel on
 * JetStream streams, one per `nats` edge per run. See docs/distributed.md.
 */

/** Runner → everyone, every `HEARTBEAT_MS`. */
export const HEARTBEAT_SUBJECT = 'sluice.runners.heartbeat';
/** Request/reply, coordinator → one runner: `StartPart` → `StartPartReply`. */
export const runnerStartSubject = (runnerId: string) => `sluice.runner.${runnerId}.start`;
/** Coordinator → every part of a run: `PartCommand`. */
export const runCommandSubject = (runId: string) => `sluice.run.${runId}.cmd`;
/** Parts of a run → its coordinator: `PartEvent`. */
export const runEventsSubject = (runId: string) => `sluice.run.${runId}.events`;

export const HEARTBEAT_MS = 1000;
/** A runner not heard from for this long is dead: its parts are placed again or the run fails. */
export const RUNNER_DEAD_AFTER_MS = 3500;

/** What a runner announces in each heartbeat. */
export interface RunnerHeartbeat {
  id: string;
  host: string;
  slots: number;
  /** Parts running now, as `runId/partId`. */
  parts: string[];
  startedAt: number;
  /** Runner's wall clock when sent. */
  at: number;
  version: string;
}

/** A runner as `GET /api/cluster` lists it. */
export interface RunnerInfo {
  id: string;
  host: string;
  slots: number;
  slotsInUse: number;
  /** ms since its last heartbeat reached this server. */
  heartbeatAgeMs: number;
  parts: string[];
}

/** Names of the JetStream objects behind one `nats` edge of one run. */
export interface BrokerNames {
  stream: string;
  subject: string;
  /** Durable consumer shared by every replica of the target node. */
  consumer: string;
}

/** One `nats` edge as a part sees it. */
export interface BrokerEdgeSpec extends BrokerNames {
  edgeId: string;
  capacity: number;
  overflow: Overflow;
  /** `publish`: the edge's source node is in this part; `consume`: its target; `both`: both. */
  role: 'publish' | 'consume' | 'both';
  /**
   * Parts that publish into the edge's stream: the source node's replicas. With one, the edge
   * keeps its items in order (each publish names the stream sequence it must follow).
   */
  publishers: number;
}

/** One part of a run: the nodes of one process (or one replica of a replicated node). */
export interface PartPlan {
  /** Unique within the run, e.g. `main`, `work#0`, `work#1`. */
  partId: string;
  process: string;
  /** 0-based replica index; 0 for unreplicated parts. */
  replica: number;
  replicaCount: number;
  /** This part's nodes, and every edge touching them (memory edges only ever join two of them). */
  plan: Plan;
  /** The `nats` edges among `plan.edges`, with this part's role on each. */
  brokerEdges: BrokerEdgeSpec[];
}

/** Coordinator → runner: run this part. */
export interface StartPart {
  runId: string;
  part: PartPlan;
  telemetryHz: number;
  seed?: number;
  /** Consumer ack wait: an item not acked this long after delivery is redelivered. */
  ackWaitMs: number;
}

export type StartPartReply = { ok: true } | { ok: false; error: string };

/** Coordinator → parts (each part ignores what names no node or edge of its own). */
export type PartCommand =
  | { type: 'stop'; mode: 'abort' | 'drain' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'update-node'; nodeId: string; params: Record<string, unknown> }
  | { type: 'update-edge'; edgeId: string; capacity: number; overflow: Overflow; expireMs?: number }
  /** Every producer of this `nats` edge has closed: consumers end once the stream is empty. */
  | { type: 'upstream-closed'; edgeId: string }
  | { type: 'node'; nodeId: string; message: unknown };

/** Counters of one part's end of a `nats` edge, since the run started. */
export interface BrokerEdgeCounters {
  /** Publish side: items the stream accepted. */
  published: number;
  /** Publish side: items refused by a full stream under drop-newest. */
  rejected: number;
  /** Publish side: ms × lanes the publisher spent retrying a full stream under `block`. */
  blockedMs: number;
  /** Consume side: items delivered to this part (redeliveries included). */
  delivered: number;
  /** Consume side: deliveries that were redeliveries. */
  redelivered: number;
  /** Consume side: items acked (the node had passed its result on). */
  acked: number;
}

/** Part → coordinator. `partId` and `runnerId` on every event. */
export type PartEvent = { partId: string; runnerId: string } & (
  | { type: 'frame'; frame: TelemetryFrame; totals: RunTotals; broker: Record<string, BrokerEdgeCounters> }
  | { type: 'status'; status: RunStatus; error?: RunError }
  | { type: 'node'; nodeId: string; message: unknown }
  /** This part's producer side of a `nats` edge has closed and published everything. */
  | { type: 'edge-closed'; edgeId: string }
  | { type: 'done'; status: RunStatus; error?: RunError; totals: RunTotals }
);
