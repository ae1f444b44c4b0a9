import type { KindName, kinds } from '../../shared/catalog/catalog.js';
import type { ParamsOf } from '../../shared/catalog/define-kind.js';
import type { Clock } from './clock.js';
import type { Limiter } from './limiters/limiter.js';
import type { NodeEnv, NodeIo } from './node-io.js';

/** Items are plain objects. Sources stamp `ts` (epoch ms) and sinks measure end-to-end latency from it. */
export type Item = Record<string, unknown>;

/** Collects what a transform emits during one batch, per output port. */
export type Emit = (port: string, item: Item) => void;

/**
 * Reports that processing `item` failed, and why. The executor applies the node's error policy
 * (retry, skip, dead-letter or fail the run): nodes never see the policy.
 */
export type Fail = (item: Item, message: string) => void;

/** A source decides *when* items are due; the executor does the emitting, waiting and counting. */
export interface SourceBehavior {
  type: 'source';
  /** Items due at `now` (run ms) that have not been made yet; Infinity when unlimited, 0 once `finished`. */
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
  /**
   * `now` is run ms (the injected clock), `wallNow` epoch ms. Kinds that can fail report failed
   * items with `fail` (the executor always passes it; a node driven without one may throw).
   */
  process(items: readonly Item[], emit: Emit, now: number, wallNow: number, fail?: Fail): void;
  /**
   * Optional fast path for stateless one-port transforms (map, filter): the whole output batch for
   * an input batch, all bound for `out`. Skips one `emit` call per item and, when a map owns its
   * input, the new array too (the batch goes on as it came). The executor prefers it to `process`.
   */
  processBatch?(items: readonly Item[]): readonly Item[];
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
  /**
   * Kinds that merge items into results (batch, window): whether `input` went into `result`. Lets
   * the executor follow a traced item into what it became; the node never learns of tracing.
   */
  contains?(result: Item, input: Item): boolean;
  /** Items this transform could not handle so far (bad lines); the executor reports it. */
  readonly errors?: number;
  /** Items this transform discarded so far (a window's late items with nowhere to go), a loss. */
  readonly dropped?: number;
  /** Window: items that arrived for windows already closed (out of `late`, or dropped). */
  readonly late?: number;
}

/** Simulated service: the executor runs `concurrency` lanes, holds each item for its service time. */
export interface ServiceBehavior {
  type: 'service';
  concurrency: number;
  /** `cpu`: the service time is spent on the run's thread, so lanes serve one item at a time. */
  readonly load?: 'wait' | 'cpu';
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
  /** Items/s the limiter lets through in the long run: one item's "service" is 1000 / rate ms. */
  readonly rate: number;
  update(params: Record<string, unknown>, now: number): void;
}

/**
 * A source fed from outside the run (`http-ingest`): items arrive by message into the node's own
 * bounded buffer; the executor hands them on as fast as the graph takes them.
 */
export interface FeedBehavior {
  type: 'feed';
  /** Up to `max` buffered items, oldest first; undefined when none are buffered. */
  take(max: number): Item[] | undefined;
  /** `n` taken items are now in the graph: their buffer slots are free again. */
  handedOn(n: number): void;
  /** Calls `wake` once when items arrive; returns the function that cancels the call. */
  onArrival(wake: () => void): () => void;
  /** Live params (none of the I/O kinds has any yet). */
  update?(params: Record<string, unknown>, now: number): void;
  /** Called once before the first `take`: how the feed reports losses as they happen. */
  attach?(report: FeedReport): void;
  /** Drain was asked for: take in nothing more from outside; what is buffered is still handed on. */
  drain?(): void;
  /** Releases connections and files once the node has ended (drained, stopped or failed); called once. */
  close?(): Promise<void>;
}

/**
 * What a feed counts that never becomes an item in the graph. `rejected`: arrived with no room
 * (core NATS cannot be made to wait, so it is open loop); counted as made and rejected, like an
 * open-loop generator's. `errors`: could not be read (malformed messages, over-long lines).
 */
export interface FeedReport {
  rejected(n: number): void;
  errors(n: number): void;
}

/**
 * A sink whose work is asynchronous I/O (`http-post`, `file`). The executor runs `concurrency`
 * lanes, each calling `handle` with up to `batchSize` items, and applies the error policy to a
 * batch whose `handle` rejects (retry with backoff, skip, dead-letter out of `error`, fail).
 */
export interface AsyncBehavior {
  type: 'async';
  readonly batchSize: number;
  readonly concurrency: number;
  /**
   * Does the I/O for one batch; must settle soon after `signal` aborts. Resolves with how many
   * items it discarded on purpose (a file past its cap), counted as dropped. Rejecting with a
   * `FatalNodeError` fails the run whatever the policy. `hold(true)` while the destination refuses
   * to take more for now (a full JetStream stream) and the call waits for it: the lane counts as
   * backpressured, not busy, until `hold(false)`.
   */
  handle(items: readonly Item[], signal: AbortSignal, hold?: (held: boolean) => void): Promise<number>;
  /** Releases what the node holds (flushes and closes a file) once its lanes have ended. */
  close?(): Promise<void>;
  /** Live params (none of the I/O kinds has any yet). */
  update?(params: Record<string, unknown>, now: number): void;
}

/** An error no policy may absorb: the run fails with it (a file sink full with `onFull: fail`). */
export class FatalNodeError extends Error {}

/**
 * A credit-based sink (`browser`): it may take only as many items as it holds credits; without
 * credit it takes nothing and its input queue fills (backpressure upstream).
 */
export interface CreditSinkBehavior {
  type: 'credit-sink';
  readonly credits: number;
  /** Calls `wake` once when credits are granted; returns the function that cancels the call. */
  onCredit(wake: () => void): () => void;
  /** Delivers items, one credit each (never more than `credits`). */
  deliver(items: readonly Item[]): void;
  /** Live params (none of the I/O kinds has any yet). */
  update?(params: Record<string, unknown>, now: number): void;
}

export type NodeBehavior =
  | SourceBehavior
  | TransformBehavior
  | ServiceBehavior
  | GateBehavior
  | FeedBehavior
  | AsyncBehavior
  | CreditSinkBehavior;

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
  /** The run this node belongs to (I/O kinds name their files after it). */
  runId?: string;
  /** Output ports with at least one edge: what is emitted on another goes nowhere. */
  connectedOutputs?: ReadonlySet<string>;
  /** I/O kinds: messages to and from the main thread (HTTP clients, socket subscribers). */
  io?: NodeIo;
  /** I/O kinds: server configuration (data directory, egress allow-list). */
  env?: NodeEnv;
}

/** One implementation per declared kind: a kind without one does not compile. */
export type NodeRegistry = {
  [K in KindName]: (ctx: NodeContext<ParamsOf<(typeof kinds)[K]>>) => NodeBehavior;
};
