/**
 * Callbacks waiting for one thing (room in a queue, input for a node), all woken at once. A wake
 * allocates nothing: the array the last wake emptied is reused for the next waiters. Hand-offs
 * between stages wake one of these per batch, so this is on the hot path.
 */
export class WaiterList {
  private list: Array<() => void> = [];
  private spare: Array<() => void> = [];
  private waking = false;

  get length(): number {
    return this.list.length;
  }

  add(wake: () => void): void {
    this.list.push(wake);
  }

  /** Withdraws a waiter; nothing happens when a wake already removed it. */
  remove(wake: () => void): void {
    // Mostly called after a wake already emptied the list: skip the search then.
    if (this.list.length === 0) return;
    const i = this.list.indexOf(wake);
    if (i >= 0) this.list.splice(i, 1);
  }

  /** Forgets every waiter without calling it. */
  clear(): void {
    empty(this.list);
  }

  /** Calls and removes every waiter. Waiters added while they run wait for the next wake. */
  wakeAll(): void {
    const waiters = this.list;
    if (waiters.length === 0) return;
    if (waiters.length === 1) {
      // The common case: emptied before the call, so a wake that comes back here finds nothing.
      waiters.pop()!();
      return;
    }
    // A new array if a waiter's call comes back here, so no array is emptied while it is read.
    const nested = this.waking;
    this.list = nested ? [] : this.spare;
    this.waking = true;
    try {
      for (let i = 0; i < waiters.length; i++) waiters[i]!();
    } finally {
      this.waking = nested;
    }
    empty(waiters);
    if (!nested) this.spare = waiters;
  }
}

/** `pop`, not `length = 0`: setting length is a runtime call, measurable at one per hand-off. */
export function empty(a: unknown[]): void {
  while (a.length > 0) a.pop();
}
