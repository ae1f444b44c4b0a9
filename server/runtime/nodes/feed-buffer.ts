import type { Item } from '../node-behavior.js';

/**
 * The bounded buffer of a feed (`nats-in`, `file-tail`): items from outside wait here until the
 * executor takes them. A slot stays taken until the taken item is handed on (it may still be
 * waiting for room downstream), so `room` is what may safely be fetched from outside.
 */
export class FeedBuffer {
  private items: Item[] = [];
  private head = 0;
  /** Buffered, plus taken and not yet handed on. */
  private held = 0;
  private waiters: Array<() => void> = [];

  constructor(readonly capacity: number) {}

  get buffered(): number {
    return this.items.length - this.head;
  }

  get room(): number {
    return this.capacity - this.held;
  }

  /** Adds an item; the caller checks `room` first (the buffer never holds more than `capacity`). */
  push(item: Item): void {
    this.items.push(item);
    this.held++;
  }

  /** Up to `max` items, oldest first, or undefined when none are buffered. */
  take(max: number): Item[] | undefined {
    const n = Math.min(max, this.buffered);
    if (n === 0) return undefined;
    const out = this.items.slice(this.head, this.head + n);
    this.head += n;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  handedOn(n: number): void {
    this.held -= n;
  }

  /** Calls `wake` once at the next `wake()`; returns the function that cancels the call. */
  onArrival(wake: () => void): () => void {
    this.waiters.push(wake);
    return () => {
      const i = this.waiters.indexOf(wake);
      if (i >= 0) this.waiters.splice(i, 1);
    };
  }

  /** Wakes whoever waits for items (or for a failure to be noticed). */
  wake(): void {
    if (this.waiters.length === 0) return;
    const wake = this.waiters;
    this.waiters = [];
    for (const w of wake) w();
  }
}
