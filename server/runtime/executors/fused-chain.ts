import type { BoundedQueue } from '../bounded-queue.js';
import type { Item, TransformBehavior } from '../node-behavior.js';
import type { PortWriter } from '../output-port.js';
import { dequeuedHops, enqueuedHops } from '../trace/queue-hops.js';
import { deliveredHops } from '../trace/sink-hops.js';
import type { ExecNode } from './exec-node.js';
import { recordE2e } from './run-transform.js';
import { traceFast } from './transform-trace.js';

/**
 * One node run inside the loop of the node before it (issue 21's fast path): the edge into it is
 * fused, so a batch goes from one `processBatch` straight into the next, with no queue, no
 * hand-off and no turn of the scheduler between them.
 */
export interface FusedStage {
  readonly node: ExecNode;
  readonly behavior: TransformBehavior & { processBatch(items: readonly Item[]): readonly Item[] };
  /** The fused edge into this node: it only counts what crosses it (in = out, depth 0, no wait). */
  readonly edge: BoundedQueue<Item>;
  /** The previous node's writer to that edge: its `sent` is the previous node's out count. */
  readonly from: PortWriter<Item>;
}

/**
 * The stages fused after a pump's own node, in order: a transform pump runs its node on a batch,
 * a closed-loop source pump makes one, and hands it to `run`; what the last stage emits goes out on that stage's writers. Every
 * node and edge keeps its own counts, as it would with queues: telemetry, run totals and the
 * bottleneck finder see the same graph, with the fused edges reading `fused: true`.
 */
export class FusedChain {
  readonly tail: ExecNode;

  constructor(readonly stages: readonly FusedStage[]) {
    this.tail = stages[stages.length - 1]!.node;
  }

  /**
   * `batch` as the head node emitted it, through every stage. `timed`: time each stage's call (the
   * pump times one batch in sixteen). Returns what the tail emits (nothing when it is a sink).
   */
  run(batch: readonly Item[], now: number, wallNow: () => number, timed: boolean): readonly Item[] {
    let out = batch;
    const stages = this.stages;
    for (let s = 0; s < stages.length; s++) {
      const k = out.length;
      if (k === 0) return out;
      const { node, behavior, edge } = stages[s]!;
      const stats = node.stats;
      stages[s]!.from.sent += k;
      edge.offered += k;
      edge.inCount += k;
      edge.outCount += k;
      edge.waited += k; // each waited 0 ms: the mean wait reads 0, not "no data"
      if (edge.tap !== undefined) edge.tap.saw(out, now);
      stats.inCount += k;
      const isSink = node.outputs.size === 0;
      if (isSink && node.probe !== undefined) node.probe(node.plan.id, out);
      const tr = node.tracer;
      if (tr?.marked(out)) {
        out = this.traced(tr, s, out, now, wallNow);
      } else if (timed) {
        const clock = node.clock;
        const t0 = clock.now();
        const result = behavior.processBatch(out);
        const took = clock.now() - t0;
        stats.latency.recordMs(took / k, k);
        stats.serviceMs += took;
        stats.served += k;
        if (isSink && stats.e2e !== undefined) recordE2e(stats.e2e, out, wallNow());
        out = result;
      } else out = behavior.processBatch(out);
      stats.processed += k;
    }
    return out;
  }

  /** A batch holding a followed item crosses fused edge `s`: the hops it would have had on a queue. */
  private traced(
    tr: NonNullable<ExecNode['tracer']>,
    s: number,
    batch: readonly Item[],
    now: number,
    wallNow: () => number,
  ): readonly Item[] {
    const { node, behavior, edge } = this.stages[s]!;
    tr.sent(batch, 1); // one more place: the edge, left again at once
    enqueuedHops(tr, edge.id, batch, 0, batch.length, 0, now);
    dequeuedHops(tr, edge.id, batch, now, now);
    if (node.outputs.size > 0) return traceFast(tr, node.plan.id, behavior, batch);
    const out = behavior.processBatch(batch);
    deliveredHops(tr, node.plan.id, batch, wallNow());
    return out;
  }

  /** The head's loop ended: so did every stage's (their outputs close, their lanes retire). */
  end(now: number): void {
    for (const { node } of this.stages) {
      for (const lane of [...node.stats.lanes]) node.stats.retireLane(lane, now);
      for (const out of node.outputs.values()) out.close();
    }
  }
}

/** What linking needs of a run's node: its executor parts, its behaviour, and room for a chain. */
export interface FusableNode extends ExecNode {
  readonly behavior: { type: string; processBatch?: TransformBehavior['processBatch']; loop?: string };
  fused?: FusedChain | undefined;
}

/**
 * Gives the head of every fused chain its `FusedChain` and marks the fused edges' queues. Returns
 * the nodes inside chains: they get no executor of their own. An edge the plan marks fused whose
 * ends have no batch step (never, for the kinds that declare themselves fusable) keeps its queue.
 */
export function linkFusedChains(
  edges: readonly {
    id: string;
    source: string;
    sourcePort: string;
    target: string;
    fused?: true;
    transport?: string;
  }[],
  nodes: ReadonlyMap<string, FusableNode>,
  queues: ReadonlyMap<string, BoundedQueue<Item>>,
): Set<string> {
  const batchStep = (n: FusableNode | undefined) =>
    n !== undefined && n.behavior.type === 'transform' && n.behavior.processBatch !== undefined;
  // A closed-loop source may head a chain (the plan fuses only a generator with rate null there).
  const head = (n: FusableNode | undefined) =>
    batchStep(n) || (n !== undefined && n.behavior.type === 'source' && n.behavior.loop === 'closed');
  const into = new Map<string, (typeof edges)[number]>();
  for (const e of edges) {
    if (!e.fused || e.transport === 'nats') continue;
    if (!head(nodes.get(e.source)) || !batchStep(nodes.get(e.target))) continue;
    into.set(e.target, e);
    queues.get(e.id)!.fused = true;
  }
  const outOf = new Map([...into.values()].map((e) => [e.source, e]));
  for (const first of into.values()) {
    if (into.has(first.source)) continue; // not the first fused edge of its chain
    const stages: FusedStage[] = [];
    for (let e = outOf.get(first.source); e !== undefined; e = outOf.get(e.target)) {
      const node = nodes.get(e.target)!;
      stages.push({
        node,
        behavior: node.behavior as FusedStage['behavior'],
        edge: queues.get(e.id)!,
        from: nodes.get(e.source)!.outputs.get(e.sourcePort)!.writer(),
      });
    }
    nodes.get(first.source)!.fused = new FusedChain(stages);
  }
  return new Set(into.keys());
}
