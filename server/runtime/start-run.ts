import { sourcePeakRate } from '../../shared/analysis/source-peak.js';
import { getKind } from '../../shared/catalog/catalog.js';
import type { Plan } from '../../shared/compiler/plan.js';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { BrokerEdgeCounters, BrokerEdgeSpec } from '../../shared/protocol/cluster.js';
import type { QueueListing, TapMessage } from '../../shared/protocol/queue-inspect.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import type { DroppedItem, TraceMessage } from '../../shared/protocol/trace.js';

export type { RunResult } from './run-handle.js';

import { isFinished } from '../../shared/protocol/telemetry.js';
import { BoundedQueue } from './bounded-queue.js';
import { AbortedError, Cancellation } from './cancellation.js';
import { type Clock, realClock } from './clock.js';
import type { LinkEdge } from './edge-link.js';
import { RunTaps } from './edge-tap.js';
import type { ExecNode } from './executors/exec-node.js';
import { type FusedChain, linkFusedChains } from './executors/fused-chain.js';
import { runAsync } from './executors/run-async.js';
import { runCreditSink } from './executors/run-credit-sink.js';
import { runFeed } from './executors/run-feed.js';
import { runGate } from './executors/run-gate.js';
import { runService } from './executors/run-service.js';
import { runSource } from './executors/run-source.js';
import { runTransform } from './executors/run-transform.js';
import { MergedInput } from './merged-input.js';
import type { Item, NodeBehavior } from './node-behavior.js';
import type { NodeEnv, NodeInMessage, NodeOutMessage } from './node-io.js';
import { LatencyWindow, NodeStats } from './node-stats.js';
import { registry } from './nodes/registry.js';
import { OutputPort } from './output-port.js';
import { nodesOwningInput } from './ownership.js';
import { listQueue } from './queue-listing.js';
import { hashString, seededRandom } from './random.js';
import type { RunHandle, RunResult } from './run-handle.js';
import { RunLinks } from './run-links.js';
import { runTotals } from './run-totals.js';
import { Scheduler } from './scheduler.js';
import { TelemetrySampler } from './telemetry-sampler.js';
import { DropLedger, finalLedgers } from './trace/drop-ledger.js';
import { Tracer } from './trace/tracer.js';

export interface RunOptions {
  runId: string;
  /** Frames per second; 0 turns sampling off. Default 10. */
  telemetryHz?: number;
  clock?: Clock;
  seed?: number;
  onFrame?: (frame: TelemetryFrame) => void;
  onStatus?: (status: RunStatus, error?: RunError) => void;
  /** Tests: every batch a sink receives, in order (the "probe sink" of runtime tests). */
  probe?: (nodeId: string, items: readonly Item[]) => void;
  /** I/O kinds' messages to the outside (browser items, log lines, ingest credit). */
  onNodeMessage?: (nodeId: string, message: NodeOutMessage) => void;
  /** Server configuration for I/O kinds (data directory, egress allow-list). */
  nodeEnv?: NodeEnv;
  /** Distributed mode: this part's `nats` edges; each gets local queue(s) and a link from `linkEdge`. */
  brokerEdges?: BrokerEdgeSpec[];
  linkEdge?: LinkEdge;
  /** A publish side has closed and published everything (the coordinator's `edge-closed`). */
  onEdgeClosed?: (edgeId: string) => void;
  /** Hops of followed items, batched (issue 18). */
  onTrace?: (messages: TraceMessage[]) => void;
  /** Items sampled from tapped edges (issue 20), at most once per telemetry frame per edge. */
  onTap?: (message: TapMessage) => void;
}

/** What to follow from one node: the next items under `ids`, or one in `every` (0 stops). */
export interface TraceAsk {
  nodeId: string;
  ids?: string[];
  every?: number;
}

interface RunNode extends ExecNode {
  behavior: NodeBehavior;
  respawn: () => void;
  fused?: FusedChain | undefined;
}

/**
 * A running graph: one bounded queue per edge, one executor per node, a sampler for telemetry.
 *
 * @example
 * const run = startRun(plan, { runId: 'r1', onFrame: (f) => socket.emit('run:telemetry', f) });
 * run.stop('drain');
 * const { status, totals } = await run.done;
 */
export function startRun(plan: Plan, options: RunOptions): Run {
  return new Run(plan, options);
}

export class Run implements RunHandle {
  readonly runId: string;
  status: RunStatus = 'starting';
  error: RunError | undefined;
  readonly done: Promise<RunResult>;
  readonly startedAtWall: number;
  endedAtWall: number | undefined;
  private latest: TelemetryFrame | null = null;
  private readonly clock: Clock;
  private readonly cancellation = new Cancellation();
  private readonly scheduler: Scheduler;
  private readonly queues = new Map<string, BoundedQueue<Item>>();
  private readonly nodes = new Map<string, RunNode>();
  /** Handlers of I/O nodes for messages from outside (`toNode`). */
  private readonly inboxes = new Map<string, (message: NodeInMessage) => void>();
  private readonly sampler: TelemetrySampler;
  private readonly startedAt: number;
  private draining = false;
  private drainWaiters = new Set<() => void>();
  private samplerHandle: unknown;
  /** Broker edges, or undefined: a run without them has no link in any path. */
  private readonly links: RunLinks | undefined;
  private readonly tracer: Tracer;
  private readonly taps: RunTaps;
  /** Nodes run inside another's loop (fused, issue 21): no executor of their own. */
  private readonly fusedIn: Set<string>;

  constructor(
    private readonly plan: Plan,
    private readonly options: RunOptions,
  ) {
    this.runId = options.runId;
    this.clock = options.clock ?? realClock;
    this.startedAt = this.clock.now();
    this.startedAtWall = this.clock.wallNow();
    this.scheduler = new Scheduler(this.clock, this.cancellation);
    this.taps = new RunTaps(this.runId, this.startedAt, (m) => options.onTap?.(m));
    this.tracer = new Tracer(this.runId, this.clock, this.startedAt, (m) => options.onTrace?.(m));
    const broker = options.brokerEdges;
    this.links =
      broker && broker.length > 0
        ? new RunLinks(plan, {
            brokerEdges: broker,
            linkEdge: options.linkEdge,
            onEdgeClosed: options.onEdgeClosed,
            clock: this.clock,
            cancellation: this.cancellation,
          })
        : undefined;
    for (const e of plan.edges)
      this.queues.set(
        e.id,
        this.links?.queues.get(e.id) ?? new BoundedQueue<Item>(e.id, e.capacity, e.overflow),
      );
    for (const e of plan.edges)
      if (e.expireMs && !this.links?.has(e.id)) this.queues.get(e.id)!.expireMs = e.expireMs;
    for (const q of this.queues.values()) {
      q.tracer = this.tracer;
      q.ledger = new DropLedger();
    }
    const seed = options.seed ?? 1;
    const owning = nodesOwningInput(plan, new Set(broker?.map((b) => b.edgeId)));
    for (const p of plan.nodes) this.nodes.set(p.id, this.buildNode(p, seed, owning.has(p.id)));
    this.fusedIn = linkFusedChains(plan.edges, this.nodes, this.queues);
    this.sampler = new TelemetrySampler(
      this.runId,
      [...this.queues.values()],
      [...this.nodes.values()].map((n) => ({
        id: n.plan.id,
        stats: n.stats,
        outputs: n.outputs,
        inputs: n.input.queues,
        isSource: n.behavior.type === 'source' || n.behavior.type === 'feed',
        peakRate: () => sourcePeakRate(n.plan.kind, n.plan.params),
      })),
      this.startedAt,
      () => this.totals(),
    );
    this.done = this.execute();
  }

  private buildNode(p: Plan['nodes'][number], seed: number, ownsInput: boolean): RunNode {
    const run = this;
    const queuesOf = (ids: string[]) => ids.map((id) => this.queues.get(id)!);
    // A broker edge with both ends here feeds the node from its consume-side queue.
    const inputsOf = (ids: string[]) => ids.map((id) => this.links?.inputs.get(id) ?? this.queues.get(id)!);
    const random = seededRandom(seed ^ hashString(p.id));
    const stats = new NodeStats();
    const decl = getKind(p.kind)!;
    if (decl.category === 'sink') stats.e2e = new LatencyWindow();
    const factory = registry[p.kind] as (ctx: unknown) => NodeBehavior;
    const io = {
      send: (m: NodeOutMessage) => this.options.onNodeMessage?.(p.id, m),
      onMessage: (h: (m: NodeInMessage) => void) => this.inboxes.set(p.id, h),
    };
    const behavior = factory({
      nodeId: p.id,
      params: p.params,
      clock: this.clock,
      random,
      ownsInput,
      runId: this.runId,
      connectedOutputs: new Set(
        Object.entries(p.outputs)
          .filter(([, ids]) => ids.length > 0)
          .map(([port]) => port),
      ),
      io,
      env: this.options.nodeEnv,
    });
    return {
      plan: p,
      stats,
      behavior,
      respawn: () => {},
      input: new MergedInput<Item>(inputsOf(Object.values(p.inputs).flat()), this.cancellation),
      outputs: new Map(
        Object.entries(p.outputs).map(([port, ids]) => [
          port,
          new OutputPort<Item>(queuesOf(ids), this.clock, this.cancellation, this.tracer.askOf(p.id)),
        ]),
      ),
      clock: this.clock,
      scheduler: this.scheduler,
      cancellation: this.cancellation,
      random,
      tracer: this.tracer,
      fail: (message) => run.fail(p.id, message),
      probe: this.options.probe,
      get draining() {
        return run.draining;
      },
      onDrain: (wake) => {
        this.drainWaiters.add(wake);
        return () => this.drainWaiters.delete(wake);
      },
    };
  }

  private async execute(): Promise<RunResult> {
    const hz = this.options.telemetryHz ?? 10;
    if (hz > 0) this.scheduleSample(1000 / hz);
    this.setStatus('running');
    const executors = [...this.nodes.values()]
      .filter((n) => !this.fusedIn.has(n.plan.id))
      .map((n) => this.runNode(n));
    // The run ends when its executors and its links are done (abort ends both).
    if (this.links) executors.push(...this.links.start((edgeId, message) => this.failEdge(edgeId, message)));
    await Promise.all(executors);
    if (this.samplerHandle !== undefined) this.clock.clearTimeout(this.samplerHandle);
    this.samplerHandle = undefined;
    this.tracer.end(); // every trace still open is done: the run is
    // The last frame: final counts, and rates at 0 — nothing flows any more.
    if (hz > 0) this.emitFrame(true);
    const final: RunStatus = this.error ? 'failed' : this.cancellation.aborted ? 'stopped' : 'completed';
    this.endedAtWall = this.clock.wallNow();
    this.setStatus(final, this.error);
    return {
      status: final,
      error: this.error,
      totals: this.totals(),
      durationMs: this.clock.now() - this.startedAt,
    };
  }

  private async runNode(n: RunNode): Promise<void> {
    try {
      const b = n.behavior;
      if (b.type === 'source') await runSource(n, b);
      else if (b.type === 'transform') await runTransform(n, b);
      else if (b.type === 'gate') await runGate(n, b);
      else if (b.type === 'feed') await runFeed(n, b);
      else if (b.type === 'async') await runAsync(n, b);
      else if (b.type === 'credit-sink') await runCreditSink(n, b);
      else
        await runService(n, b, (respawn) => {
          n.respawn = respawn;
        });
    } catch (err) {
      if (err instanceof AbortedError) return;
      // A node's own bug fails the run, never the server.
      this.fail(n.plan.id, err instanceof Error ? err.message : String(err));
    }
  }

  /** Samples on a self-rescheduling timer (not setInterval) so a slow tick never stacks up. */
  private scheduleSample(periodMs: number): void {
    this.samplerHandle = this.clock.setTimeout(() => {
      if (isFinished(this.status)) return;
      this.emitFrame();
      this.scheduleSample(periodMs);
    }, periodMs);
  }

  private emitFrame(final = false): void {
    this.latest = this.sampler.sample(this.clock.now(), final, this.status === 'paused');
    this.taps.flush();
    this.options.onFrame?.(this.latest);
  }

  private setStatus(status: RunStatus, error?: RunError): void {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatus?.(status, error);
  }

  /** Hands a message from outside to an I/O node (ingest items, browser credits); others ignore it. */
  toNode(nodeId: string, message: NodeInMessage): void {
    if (isFinished(this.status)) return;
    this.inboxes.get(nodeId)?.(message);
  }

  latestFrame(): TelemetryFrame | null {
    return this.latest;
  }

  totals(): RunTotals {
    const nodes = [...this.nodes.values()].map((n) => ({
      kind: n.plan.kind,
      stats: n.stats,
      isSource: n.behavior.type === 'source' || n.behavior.type === 'feed',
      hasOutputs: n.outputs.size > 0,
    }));
    return runTotals(nodes, this.queues.values());
  }

  /** `abort`: everything stops now (status `stopped`). `drain`: sources stop, queues empty, then `completed`. */
  stop(mode: 'abort' | 'drain'): void {
    if (isFinished(this.status)) return;
    if (mode === 'drain') {
      if (this.draining) return;
      this.draining = true;
      this.scheduler.resume();
      this.setStatus('draining');
      for (const wake of [...this.drainWaiters]) wake();
      return;
    }
    this.cancellation.abort();
  }

  pause(): boolean {
    if (this.status !== 'running') return false;
    this.scheduler.pause();
    this.setStatus('paused');
    return true;
  }

  resume(): boolean {
    if (this.status !== 'paused') return false;
    this.scheduler.resume();
    this.setStatus('running');
    return true;
  }

  /** Live edit of a node's params (already validated against the kind's schema and live list). */
  updateNode(nodeId: string, params: Record<string, unknown>): void {
    const n = this.nodes.get(nodeId);
    if (!n) throw new Error(`unknown node ${nodeId}`);
    n.plan.params = params;
    const b = n.behavior;
    if (b.type === 'service') b.update(params);
    else b.update?.(params, this.clock.now());
    if (b.type === 'service') n.respawn();
  }

  updateEdge(edgeId: string, capacity: number, overflow: Overflow, expireMs = 0): void {
    const q = this.queues.get(edgeId);
    if (!q) throw new Error(`unknown edge ${edgeId}`);
    // Broker edges refuse expireMs at compile and on live edits, so only memory queues get here with one.
    q.expireMs = expireMs;
    // A broker edge's limit is the stream's (the coordinator updates it); its local queues stay small.
    if (this.links?.has(edgeId)) this.links.update(edgeId, capacity, overflow);
    else q.resize(capacity, overflow, this.clock.now());
  }

  /** Follow items from a node (already checked: the node exists, the numbers are in range). */
  trace(ask: TraceAsk): void {
    if (isFinished(this.status)) return;
    this.tracer.request(ask.nodeId, ask);
  }

  /** "List queue": the first and last items waiting on a memory edge; undefined for an unknown one. */
  async queueItems(edgeId: string): Promise<QueueListing | undefined> {
    const q = this.queues.get(edgeId);
    return q && !this.links?.has(edgeId) ? listQueue(q, this.clock.now()) : undefined;
  }

  /** "Empty queue": removes what waits on a memory edge (counted as emptied); blocked producers wake. */
  async emptyQueue(edgeId: string): Promise<number | undefined> {
    const q = this.queues.get(edgeId);
    return q && !this.links?.has(edgeId) ? q.empty(this.clock.now()) : undefined;
  }

  tap(edgeId: string, on: boolean): void {
    const q = this.queues.get(edgeId);
    if (q && !isFinished(this.status)) this.taps.set(q, on, this.clock.now());
  }

  /** The last items edge `edgeId` dropped, oldest first; undefined for an unknown edge. */
  async drops(edgeId: string): Promise<DroppedItem[] | undefined> {
    return this.queues.get(edgeId)?.ledger?.read(this.startedAt);
  }

  /** Every edge's ledger that holds drops, bounded (finalLedgers): kept once the run's thread ends. */
  endedLedgers(): Record<string, DroppedItem[]> {
    const all: Array<[string, DroppedItem[]]> = [];
    for (const [edgeId, q] of this.queues) if (q.ledger) all.push([edgeId, q.ledger.read(this.startedAt)]);
    return finalLedgers(all);
  }

  /** Every producer of broker edge `edgeId` has closed: its consume side ends once the stream is empty. */
  upstreamClosed(edgeId: string): void {
    this.links?.upstreamClosed(edgeId);
  }

  /** Counters of this run's end(s) of each broker edge. */
  brokerCounters(): Record<string, BrokerEdgeCounters> {
    return this.links?.counters() ?? {};
  }

  private failEdge(edgeId: string, message: string): void {
    if (this.error || isFinished(this.status) || this.cancellation.aborted) return;
    this.error = { message: `edge ${edgeId}: ${message}` };
    this.cancellation.abort();
  }

  private fail(nodeId: string, message: string): void {
    if (this.error || isFinished(this.status)) return;
    this.error = { nodeId, message: `${nodeId}: ${message}` };
    this.cancellation.abort();
  }

  /** For leak tests: waits of any kind still pending — sleeps, empty inputs, full outputs (0 after a run ends). */
  get pendingWaits(): number {
    let n = this.cancellation.pendingCount;
    for (const node of this.nodes.values()) {
      n += node.input.waiting;
      for (const out of node.outputs.values()) n += out.waiting;
    }
    return n;
  }
}
