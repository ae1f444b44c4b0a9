import {
  AckPolicy,
  DiscardPolicy,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { brokerNames } from '../../shared/compiler/partition-plan.js';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { BrokerNames } from '../../shared/protocol/cluster.js';

export { brokerNames };

/**
 * The JetStream objects behind `nats` edges: one work-queue stream per edge per run, `max_msgs` =
 * the edge's capacity, and one durable pull consumer shared by every replica of the target node.
 * The coordinator creates them before a run's parts start and deletes them when it ends.
 */

/** Default ack wait: a delivered item not acked this long (its part died) is redelivered. */
export const DEFAULT_ACK_WAIT_MS = 30_000;

/** Every edge stream of a run listens on one subject token per run (`brokerNames`), so a run's streams are found exactly. */
function runSubjects(runId: string): string {
  return brokerNames(runId, 'x').subject.replace(/\.[^.]+$/, '');
}

function limits(capacity: number, overflow: Overflow) {
  // block and drop-newest: the stream refuses the publish (the publisher retries or counts it);
  // drop-oldest: the stream evicts its oldest message to take the new one.
  return { max_msgs: capacity, discard: overflow === 'drop-oldest' ? DiscardPolicy.Old : DiscardPolicy.New };
}

export async function createEdgeStream(
  jsm: JetStreamManager,
  names: BrokerNames,
  capacity: number,
  overflow: Overflow,
  opts: { ackWaitMs?: number } = {},
): Promise<void> {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new Error(`stream ${names.stream}: capacity must be a positive integer (got ${capacity})`);
  await jsm.streams.add({
    name: names.stream,
    subjects: [names.subject],
    retention: RetentionPolicy.Workqueue,
    // Items in flight are not durable data: memory storage keeps a hop cheap; a restart of the
    // NATS server loses a run's queue, as a restart of the Sluice server loses a memory edge.
    storage: StorageType.Memory,
    ...limits(capacity, overflow),
  });
  await jsm.consumers.add(names.stream, {
    durable_name: names.consumer,
    ack_policy: AckPolicy.Explicit,
    ack_wait: (opts.ackWaitMs ?? DEFAULT_ACK_WAIT_MS) * 1_000_000, // nanoseconds
    // The stream holds at most `capacity` messages, so this never holds a consumer back sooner.
    max_ack_pending: -1,
  });
}

/** Live capacity/overflow change: the stream's limit follows the edge. Shrinking evicts nothing already queued under discard new. */
export async function updateEdgeStream(
  jsm: JetStreamManager,
  names: BrokerNames,
  capacity: number,
  overflow: Overflow,
): Promise<void> {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new Error(`stream ${names.stream}: capacity must be a positive integer (got ${capacity})`);
  const info = await jsm.streams.info(names.stream);
  await jsm.streams.update(names.stream, { ...info.config, ...limits(capacity, overflow) });
}

/** Deletes every edge stream of run `runId` (their consumers go with them). Returns the names deleted. */
export async function deleteRunStreams(jsm: JetStreamManager, runId: string): Promise<string[]> {
  const names: string[] = [];
  for await (const name of jsm.streams.names(`${runSubjects(runId)}.*`)) names.push(name);
  const deleted: string[] = [];
  for (const name of names) {
    try {
      await jsm.streams.delete(name);
      deleted.push(name);
    } catch (err) {
      // Deleted meanwhile by another coordinator call: the goal is reached all the same.
      if (!/stream not found/i.test(err instanceof Error ? err.message : String(err))) throw err;
    }
  }
  return deleted;
}

export interface StreamState {
  /** Messages in the stream: published, not yet acked (delivered-but-unacked ones included). */
  messages: number;
  /** Epoch ms of the oldest message, or undefined when empty. */
  firstTs: number | undefined;
  /** Sequence of the last message ever stored: published in all (evictions = lastSeq − messages − acked). */
  lastSeq: number;
  /** Delivered to a consumer, not acked yet. */
  ackPending: number;
}

/** Depth and oldest age of an edge, from the broker (what the coordinator's frame shows). */
export async function streamState(jsm: JetStreamManager, names: BrokerNames): Promise<StreamState> {
  const [info, consumer] = await Promise.all([
    jsm.streams.info(names.stream),
    jsm.consumers.info(names.stream, names.consumer),
  ]);
  const s = info.state;
  const firstTs = s.messages > 0 ? Date.parse(s.first_ts) : undefined;
  return {
    messages: s.messages,
    firstTs: Number.isFinite(firstTs) ? firstTs : undefined,
    lastSeq: s.last_seq,
    ackPending: consumer.num_ack_pending,
  };
}
