/**
 * Work done just after the current turn of the event loop, in the order it was queued: a frame's
 * encoding costs a few ms for hundreds of nodes, and the frame's broadcast to sockets goes first.
 * `drain()` does whatever is queued at once (before a read, so a read sees every frame so far).
 */
export class AfterBroadcast {
  private queue: Array<() => void> = [];
  private scheduled = false;

  push(fn: () => void): void {
    this.queue.push(fn);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  drain(): void {
    this.scheduled = false;
    const work = this.queue;
    this.queue = [];
    for (const fn of work) fn();
  }
}
