import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { BrokerEdgeCounters, PartPlan } from '../../shared/protocol/cluster.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { emptyTotals } from '../../shared/protocol/telemetry.js';
import { addCounters, zeroCounters } from '../runtime/edge-link.js';
import type { PartSnapshot } from './merge-frames.js';

const addTotals = (a: RunTotals, b: RunTotals): RunTotals => {
  const t = { ...a };
  for (const k of Object.keys(t) as (keyof RunTotals)[]) t[k] += b[k] ?? 0;
  return t;
};

/** Per edge, every counter of `a` plus the same of `b` (fields either lacks count as 0). */
export const addBroker = (
  a: Record<string, BrokerEdgeCounters>,
  b: Record<string, BrokerEdgeCounters>,
): Record<string, BrokerEdgeCounters> => {
  const out: Record<string, BrokerEdgeCounters> = {};
  for (const id of new Set([...Object.keys(a), ...Object.keys(b)]))
    out[id] = addCounters(a[id] ?? zeroCounters(), b[id] ?? zeroCounters());
  return out;
};

/** A node's counters since the run started (the rest of its frame is rates and shares of now). */
const NODE_COUNTS = ['processed', 'errors', 'deadLettered', 'skipped', 'dropped', 'rejected'] as const;
type NodeCount = (typeof NODE_COUNTS)[number];

/**
 * The coordinator's view of one part: where it runs, when it was last heard from, its latest
 * frame and counters. A part started again on another runner counts from 0; what its earlier
 * incarnations counted is kept in `base`, so the run's totals, a broker edge's counters and a
 * node's counts never go backwards.
 */
export class PartState {
  runnerId: string;
  /** Monotonic ms of its last event (or of its start): silence past the limit means it is lost. */
  lastHeard: number;
  frame: TelemetryFrame | null = null;
  done: { status: RunStatus; error?: RunError } | undefined;
  /** Started on a runner and answered; false while a (re)start is in flight. */
  started = false;
  private baseTotals = emptyTotals();
  private baseBroker: Record<string, BrokerEdgeCounters> = {};
  private latestTotals = emptyTotals();
  private latestBroker: Record<string, BrokerEdgeCounters> = {};
  /** Per node, what earlier incarnations counted (their last frame's counters). */
  private baseNodes: Record<string, Partial<Record<NodeCount, number>>> = {};

  constructor(
    readonly part: PartPlan,
    runnerId: string,
    now: number,
  ) {
    this.runnerId = runnerId;
    this.lastHeard = now;
  }

  get partId(): string {
    return this.part.partId;
  }

  /** A `frame` or `done` event's counters (each cumulative since this incarnation started). */
  update(totals: RunTotals, broker?: Record<string, BrokerEdgeCounters>): void {
    this.latestTotals = totals;
    if (broker) this.latestBroker = broker;
  }

  /** Moves the part to another runner: a fresh incarnation counting from 0. */
  restartOn(runnerId: string, now: number): void {
    this.baseTotals = addTotals(this.baseTotals, this.latestTotals);
    this.baseBroker = addBroker(this.baseBroker, this.latestBroker);
    for (const [id, n] of Object.entries(this.frame?.nodes ?? {})) {
      const base = this.baseNodes[id] ?? {};
      this.baseNodes[id] = base;
      for (const k of NODE_COUNTS) base[k] = (base[k] ?? 0) + (n[k] ?? 0);
    }
    this.latestTotals = emptyTotals();
    this.latestBroker = {};
    this.frame = null;
    this.done = undefined;
    this.started = false;
    this.runnerId = runnerId;
    this.lastHeard = now;
  }

  /** The latest frame with earlier incarnations' node counts added, so they never go backwards. */
  private carried(): TelemetryFrame | null {
    const f = this.frame;
    if (!f || Object.keys(this.baseNodes).length === 0) return f;
    const nodes: TelemetryFrame['nodes'] = {};
    for (const [id, n] of Object.entries(f.nodes)) {
      const base = this.baseNodes[id];
      const c = { ...n };
      if (base) for (const k of NODE_COUNTS) if (base[k]) c[k] = (c[k] ?? 0) + base[k];
      nodes[id] = c;
    }
    return { ...f, nodes };
  }

  snapshot(): PartSnapshot {
    return {
      part: this.part,
      runnerId: this.runnerId,
      frame: this.carried(),
      totals: addTotals(this.baseTotals, this.latestTotals),
      broker: addBroker(this.baseBroker, this.latestBroker),
    };
  }
}

/** A live params change, written into every part plan holding the node (a part started again runs with it). */
export function editNodeParams(
  states: Iterable<PartState>,
  nodeId: string,
  params: Record<string, unknown>,
): void {
  for (const s of states)
    for (const n of s.part.plan.nodes) if (n.id === nodeId) n.params = { ...n.params, ...params };
}

/** A live edge change, written into every part plan and broker spec holding the edge. */
export function editEdgeLimits(
  states: Iterable<PartState>,
  edgeId: string,
  capacity: number,
  overflow: Overflow,
): void {
  for (const s of states) {
    for (const e of s.part.plan.edges) if (e.id === edgeId) Object.assign(e, { capacity, overflow });
    for (const b of s.part.brokerEdges) if (b.edgeId === edgeId) Object.assign(b, { capacity, overflow });
  }
}
