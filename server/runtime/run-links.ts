import type { Plan } from '../../shared/compiler/plan.js';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { BrokerEdgeCounters, BrokerEdgeSpec } from '../../shared/protocol/cluster.js';
import { BoundedQueue } from './bounded-queue.js';
import type { Cancellation } from './cancellation.js';
import type { Clock } from './clock.js';
import { addCounters, CONSUME_BUFFER, type EdgeLink, type LinkEdge, STAGING_CAPACITY } from './edge-link.js';
import type { Item } from './node-behavior.js';

export interface RunLinksOptions {
  brokerEdges: BrokerEdgeSpec[];
  linkEdge: LinkEdge | undefined;
  onEdgeClosed: ((edgeId: string) => void) | undefined;
  clock: Clock;
  cancellation: Cancellation;
}

/**
 * A run's broker edges: their local queues and links. Built before the nodes, so a consume link's
 * `onSettled` hook is on its queue when the node's input is made. Memory edges never come here.
 */
export class RunLinks {
  /** Edge id → the queue the sampler and the source node see (publish side when there is one). */
  readonly queues = new Map<string, BoundedQueue<Item>>();
  /** Edge id → the target node's input queue, for consume and both. */
  readonly inputs = new Map<string, BoundedQueue<Item>>();
  private readonly links = new Map<string, { publish?: EdgeLink; consume?: EdgeLink }>();

  constructor(plan: Plan, o: RunLinksOptions) {
    if (!o.linkEdge) throw new Error('brokerEdges need a linkEdge');
    const edges = new Map(plan.edges.map((e) => [e.id, e]));
    for (const spec of o.brokerEdges) {
      const edge = edges.get(spec.edgeId);
      if (!edge) throw new Error(`broker edge ${spec.edgeId} is not an edge of this part`);
      const ctx = {
        clock: o.clock,
        cancellation: o.cancellation,
        onClosed: () => o.onEdgeClosed?.(spec.edgeId),
      };
      const pair: { publish?: EdgeLink; consume?: EdgeLink } = {};
      if (spec.role !== 'consume') {
        // Small and `block`: a full stream fills it at once, so the producer blocks as on a memory edge.
        const q = new BoundedQueue<Item>(spec.edgeId, Math.min(spec.capacity, STAGING_CAPACITY), 'block');
        this.queues.set(spec.edgeId, q);
        pair.publish = o.linkEdge(spec, 'publish', q, ctx);
      }
      if (spec.role !== 'publish') {
        const q = new BoundedQueue<Item>(spec.edgeId, Math.min(spec.capacity, CONSUME_BUFFER), 'block');
        this.inputs.set(spec.edgeId, q);
        if (!this.queues.has(spec.edgeId)) this.queues.set(spec.edgeId, q);
        pair.consume = o.linkEdge(spec, 'consume', q, ctx);
      }
      this.links.set(spec.edgeId, pair);
    }
  }

  has(edgeId: string): boolean {
    return this.links.has(edgeId);
  }

  /** Every link's pump; a link that throws fails the run through `fail` (it names the edge). */
  start(fail: (edgeId: string, message: string) => void): Promise<void>[] {
    const runs: Promise<void>[] = [];
    for (const [edgeId, pair] of this.links) {
      for (const link of [pair.publish, pair.consume]) {
        if (!link) continue;
        runs.push(link.run().catch((err) => fail(edgeId, err instanceof Error ? err.message : String(err))));
      }
    }
    return runs;
  }

  update(edgeId: string, capacity: number, overflow: Overflow): void {
    const pair = this.links.get(edgeId)!;
    // The local queues follow within their own bounds (a smaller edge must not buffer more locally).
    if (pair.publish) this.queues.get(edgeId)!.resize(Math.min(capacity, STAGING_CAPACITY), 'block');
    this.inputs.get(edgeId)?.resize(Math.min(capacity, CONSUME_BUFFER), 'block');
    pair.publish?.update?.(capacity, overflow);
    pair.consume?.update?.(capacity, overflow);
  }

  upstreamClosed(edgeId: string): void {
    this.links.get(edgeId)?.consume?.upstreamClosed?.();
  }

  counters(): Record<string, BrokerEdgeCounters> {
    const out: Record<string, BrokerEdgeCounters> = {};
    for (const [edgeId, { publish, consume }] of this.links) {
      const p = publish?.counters();
      const c = consume?.counters();
      out[edgeId] = p && c ? addCounters(p, c) : (p ?? c)!;
    }
    return out;
  }
}
