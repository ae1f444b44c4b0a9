import type { KindName, kinds } from '../../shared/catalog/catalog.js';
import type { ParamsOf } from '../../shared/catalog/define-kind.js';
import type { Clock } from './clock.js';
import type { Limiter } from './limiters/limiter.js';

/** Items are plain objects. Sources stamp `ts` (epoch ms) and sinks measure end-to-end latency from it. */
export type Item = Record<string, unknown>;

/** Collects what a transform emits during one batch, per output port. */
export type Emit = (port: string, item: Item) => void;

/** A source decides *when* items are due; the executor does the emitting, waiting and counting. */
export interface SourceBehavior {
  type: 'source';
  /** Items due at `now` (run ms) that have not been made yet; Infinity when unlimited. */
  due(now: number): number;
  /** When the next item falls due (run ms); Infinity when finished. */
  nextDueAt(now: number): number;
  make(n: number, wallNow: number): Item[];
  /** No more items, ever (count reached). */
  readonly finished: boolean;
  /** Closed loop: the source was held back by backpressure for this long; do not burst to catch up. */
  heldBack(blockedMs: number): void;
  readonly loop: 'closed' | 'open';
  update(params: Record<string, unknown>, now: number): void;
}

/**
 * A synchronous transform or sink: processes a batch in one go. Must not mutate input items
 * (fan-out shares one batch between edges): build new items instead.
 */
export interface TransformBehavior {
  type: 'transform';
  /** `now` is run ms (the injected clock), `wallNow` epoch ms. */
  process(items: readonly Item[], emit: Emit, now: number, wallNow: number): void;
  /**
   * Timed work (a batch's time limit, a window closing): when `nextDeadline()` (run ms) has
   * passed, the executor calls `onDeadline` — even when no input arrives. `onDeadline` must move
   * the deadline on (or to Infinity).
   */
  nextDeadline?(): number;
  onDeadline?(emit: Emit, now: number, wallNow: number): void;
  /** Input has ended for good: emit whatever is held (open windows, a partial batch). */
  finish?(emit: Emit, now: number, wallNow: number): void;
  update?(params: Record<string, unknown>, now: number): void;
}

/** Simulated service: the executor runs `concurrency` lanes, holds each item for its service time. */
export interface ServiceBehavior {
  type: 'service';
  concurrency: number;
  /** Service time of the next item, ms. */
  serviceTime(): number;
  /** Whether the next attempt fails (and why). */
  fails(): string | undefined;
  update(params: Record<string, unknown>): void;
}

/** Lets items through when a limiter allows: the executor waits (delay) or drops and counts (drop). */
export interface GateBehavior {
  type: 'gate';
  readonly limiter: Limiter;
  readonly mode: 'delay' | 'drop';
  update(params: Record<string, unknown>, now: number): void;
}

export type NodeBehavior = SourceBehavior | TransformBehavior | ServiceBehavior | GateBehavior;

export interface NodeContext<P> {
  nodeId: string;
  params: P;
  clock: Clock;
  /** Deterministic per-node random numbers in [0, 1). */
  random: () => number;
  /**
   * True when no other node can see this node's input items (no broadcast upstream): it may then
   * change them in place instead of copying. See `ownership.ts`.
   */
  ownsInput?: boolean;
}

/** One implementation per declared kind: a kind without one does not compile. */
export type NodeRegistry = {
  [K in KindName]: (ctx: NodeContext<ParamsOf<(typeof kinds)[K]>>) => NodeBehavior;
};
