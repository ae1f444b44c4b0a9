import { displayItem } from '../../shared/protocol/display-item.js';
import { TAP_ITEMS_PER_S, type TapMessage } from '../../shared/protocol/queue-inspect.js';
import type { BoundedQueue } from './bounded-queue.js';

/**
 * Node-RED's debug on a wire: samples what enters one edge, at most TAP_ITEMS_PER_S items a
 * second (a token bucket of one second's worth), and counts the rest. What it holds between two
 * flushes is at most that bucket, so a tap on a 1 M items/s edge costs one compare per batch.
 */
export class EdgeTap {
  private tokens = TAP_ITEMS_PER_S;
  private last: number;
  private items: TapMessage['items'] = [];
  private sampledOut = 0;

  constructor(
    readonly edgeId: string,
    private readonly startedAt: number,
    now: number,
  ) {
    this.last = now;
  }

  /** `batch` entered the edge at `now`. */
  saw(batch: readonly unknown[], now: number): void {
    this.tokens = Math.min(TAP_ITEMS_PER_S, this.tokens + ((now - this.last) * TAP_ITEMS_PER_S) / 1000);
    this.last = now;
    // Also never more than one second's worth held between flushes: memory is bounded even if
    // flushes stall (telemetry off).
    const k = Math.min(Math.floor(this.tokens), batch.length, TAP_ITEMS_PER_S - this.items.length);
    this.tokens -= k;
    const t = Math.round(now - this.startedAt);
    for (let i = 0; i < k; i++) this.items.push({ t, item: displayItem(batch[i]) });
    this.sampledOut += batch.length - k;
  }

  /** What was sampled since the last take, or undefined when nothing went through. */
  take(runId: string): TapMessage | undefined {
    if (this.items.length === 0 && this.sampledOut === 0) return undefined;
    const m: TapMessage = { runId, edgeId: this.edgeId, items: this.items, sampledOut: this.sampledOut };
    this.items = [];
    this.sampledOut = 0;
    return m;
  }
}

/** The taps of one run: switched on and off by edge, flushed with every telemetry frame. */
export class RunTaps {
  private readonly taps = new Map<string, { tap: EdgeTap; queue: BoundedQueue }>();

  constructor(
    private readonly runId: string,
    private readonly startedAt: number,
    private readonly emit: (m: TapMessage) => void,
  ) {}

  set(queue: BoundedQueue, on: boolean, now: number): void {
    const had = this.taps.get(queue.id);
    if (on && !had) {
      const tap = new EdgeTap(queue.id, this.startedAt, now);
      queue.tap = tap;
      this.taps.set(queue.id, { tap, queue });
    } else if (!on && had) {
      this.flushOne(had.tap);
      had.queue.tap = undefined;
      this.taps.delete(queue.id);
    }
  }

  flush(): void {
    for (const { tap } of this.taps.values()) this.flushOne(tap);
  }

  private flushOne(tap: EdgeTap): void {
    const m = tap.take(this.runId);
    if (m) this.emit(m);
  }
}
