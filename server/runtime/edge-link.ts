import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { BrokerEdgeCounters, BrokerEdgeSpec } from '../../shared/protocol/cluster.js';
import type { BoundedQueue } from './bounded-queue.js';
import type { Cancellation } from './cancellation.js';
import type { Clock } from './clock.js';
import type { Item } from './node-behavior.js';

/**
 * One end of a broker (`nats`) edge, pumping between the run's local queue and the broker
 * (docs/distributed.md, "the edge link"). Executors never see it: a publish link drains the local
 * staging queue the source node writes into; a consume link fills the target node's local input
 * queue and acks what the node settles (`BoundedQueue.onSettled`, which it sets when it is made).
 */
export interface EdgeLink {
  /** Pumps until its end: publish — staging queue closed, empty and all published; consume — upstream closed and the stream empty; or the run aborted. */
  run(): Promise<void>;
  counters(): BrokerEdgeCounters;
  /** Live edit of the edge (the coordinator has already updated the stream's limits). */
  update?(capacity: number, overflow: Overflow): void;
  /** Consume side: every producer has closed; end once the stream is empty. */
  upstreamClosed?(): void;
}

export interface LinkContext {
  clock: Clock;
  cancellation: Cancellation;
  /** Publish side: the staging queue is closed and everything in it was published. */
  onClosed: () => void;
}

export type LinkEdge = (
  spec: BrokerEdgeSpec,
  side: 'publish' | 'consume',
  queue: BoundedQueue<Item>,
  ctx: LinkContext,
) => EdgeLink;

/**
 * A link's counters: the wire's, plus `malformed` — consume-side messages that were not a JSON
 * object (acked, never given to the node). It travels in the part's frame counters as an extra key.
 */
export interface LinkCounters extends BrokerEdgeCounters {
  malformed: number;
}

export function zeroCounters(): LinkCounters {
  return { published: 0, rejected: 0, blockedMs: 0, delivered: 0, redelivered: 0, acked: 0, malformed: 0 };
}

/** Sums the counters of an edge's links (role `both` has two). */
export function addCounters(a: BrokerEdgeCounters, b: BrokerEdgeCounters): LinkCounters {
  const sum = zeroCounters();
  const x = a as Partial<LinkCounters>;
  const y = b as Partial<LinkCounters>;
  for (const k of Object.keys(sum) as Array<keyof LinkCounters>) sum[k] = (x[k] ?? 0) + (y[k] ?? 0);
  return sum;
}

/** Items a publish side stages locally: enough to keep a publish window busy, small so `block` bites at once. */
export const STAGING_CAPACITY = 16;
/** Items a consume side holds delivered but not yet taken by its node (every one of them unacked). */
export const CONSUME_BUFFER = 64;
