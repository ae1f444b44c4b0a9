import * as hdr from 'hdr-histogram-js';
import type { Limiter } from './limiters/limiter.js';

export const BUSY = 0;
export const IDLE = 1;
export const BACKPRESSURED = 2;
export type LaneState = typeof BUSY | typeof IDLE | typeof BACKPRESSURED;

/**
 * Where one executor lane's time goes. A lane is always in exactly one state, so the three
 * fractions sum to 1. A state change costs one clock read; lanes change state only around awaits.
 */
export class LaneClock {
  state: LaneState = IDLE;
  since: number;
  /** ms per state; a typed array, so the per-wait `+=` stays a plain double store. */
  readonly spent = new Float64Array(3);
  constructor(now: number) {
    this.since = now;
  }

  enter(state: LaneState, now: number): void {
    this.spent[this.state]! += now - this.since;
    this.state = state;
    this.since = now;
  }

  /** Charges time up to `now` to the current state, so a sampler can read `spent`. */
  settle(now: number): void {
    this.spent[this.state]! += now - this.since;
    this.since = now;
  }
}

function newHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 2,
  });
}

/**
 * Latency over the last window, in microseconds inside, reported in ms. Until a window with
 * items has closed (a run's first second, or the first items after a quiet spell) the window
 * being filled is reported: a sink that had delivered 258 items 0.6 s into a run showed
 * "e2e p50/p99 0 ms / 0 ms" beside a queue they had waited 300 ms in.
 */
export class LatencyWindow {
  private current = newHistogram();
  private last: { p50: number; p99: number } = { p50: 0, p99: 0 };
  /** The last closed window had items: its percentiles are what to report. */
  private lastHad = false;

  recordMs(ms: number, count = 1): void {
    const us = Math.max(1, Math.round(ms * 1000));
    if (count === 1) this.current.recordValue(us);
    else this.current.recordValueWithCount(us, count);
  }

  /** Closes the window: the percentiles reported until the next rotation. */
  rotate(): void {
    this.lastHad = this.current.totalCount > 0;
    this.last = this.lastHad ? { p50: this.open(50), p99: this.open(99) } : { p50: 0, p99: 0 };
    this.current.reset();
  }

  get p50(): number {
    return this.lastHad || this.current.totalCount === 0 ? this.last.p50 : this.open(50);
  }

  get p99(): number {
    return this.lastHad || this.current.totalCount === 0 ? this.last.p99 : this.open(99);
  }

  /** A percentile of the window being filled, in ms. */
  private open(percentile: number): number {
    return this.current.getValueAtPercentile(percentile) / 1000;
  }
}

/** Counters the executor keeps for one node. Node implementations never touch these. */
export class NodeStats {
  readonly lanes: LaneClock[] = [];
  /** Time spent by lanes that have retired (concurrency lowered), so fractions stay continuous. */
  readonly retired = [0, 0, 0];
  inCount = 0;
  outCount = 0;
  processed = 0;
  errors = 0;
  /** Open-loop sources: items made that no queue took. */
  rejected = 0;
  /** Failed items sent to dead letter (or counted here when the `error` port leads nowhere). */
  deadLettered = 0;
  /** Failed items given up under `skip` (or `retry` with nowhere to dead-letter them). */
  skipped = 0;
  /** Items the node discarded on purpose (a file past its cap); rate limiters count in `limiter.limited`. */
  dropped = 0;
  /** Window nodes: items that arrived for windows already closed (see `TransformBehavior.late`). */
  late: number | undefined;
  readonly latency = new LatencyWindow();
  /**
   * Service time (ms) of the items counted in `served`, summed: the mean service time over a window
   * is the growth of one over the other. Executors count what they already time (a worker every
   * item, a cheap transform one batch in sixteen), so it costs the hot path an add or two per batch.
   */
  serviceMs = 0;
  served = 0;
  /**
   * How many items the node serves at once (what utilization divides by), read at each frame since
   * it may change live; unset for sources, which serve nothing.
   */
  servers: (() => number) | undefined;
  e2e: LatencyWindow | undefined;
  /** Rate limiters: admissions, drops (drop mode), items held waiting, and the limiter for its gauge. */
  limiter: { allowed: number; limited: number; waiting: number; gate: { limiter: Limiter } } | undefined;

  addLane(now: number): LaneClock {
    const lane = new LaneClock(now);
    this.lanes.push(lane);
    return lane;
  }

  /**
   * Counts another node's lane as this node's too: a node fused into that lane's loop (issue 21)
   * is busy, idle or backpressured with it. Settling is cumulative, so both nodes read the same
   * shares whichever reads first; each retires it into its own totals.
   */
  shareLane(lane: LaneClock): void {
    this.lanes.push(lane);
  }

  retireLane(lane: LaneClock, now: number): void {
    lane.settle(now);
    const i = this.lanes.indexOf(lane);
    if (i >= 0) this.lanes.splice(i, 1);
    for (let s = 0; s < 3; s++) this.retired[s]! += lane.spent[s]!;
  }

  /** Total ms per state over every lane, live and retired. */
  spent(now: number): [number, number, number] {
    const out: [number, number, number] = [this.retired[0]!, this.retired[1]!, this.retired[2]!];
    for (const lane of this.lanes) {
      lane.settle(now);
      out[0] += lane.spent[0]!;
      out[1] += lane.spent[1]!;
      out[2] += lane.spent[2]!;
    }
    return out;
  }
}
