import type { LinkContext } from '../runtime/edge-link.js';

/**
 * One pending wait of a link's pump: anything that may let it go on (an item, an ack, room, a
 * timer, abort) calls `wake`. A wake with no waiter is remembered, so none is lost between a
 * check and the wait that follows it.
 */
export class Wakeup {
  private resolve: (() => void) | undefined;
  private pending = false;
  private timer: unknown;

  constructor(private readonly ctx: Pick<LinkContext, 'clock' | 'cancellation'>) {
    ctx.cancellation.onAbort(() => this.wake());
  }

  readonly wake = (): void => {
    const r = this.resolve;
    if (r === undefined) {
      this.pending = true;
      return;
    }
    this.resolve = undefined;
    if (this.timer !== undefined) {
      this.ctx.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    r();
  };

  /** Resolves at the next wake (at once if one came since the last wait). */
  next(): Promise<void> {
    if (this.pending || this.ctx.cancellation.aborted) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Resolves after `ms`, or sooner at a wake. */
  sleep(ms: number): Promise<void> {
    const p = this.next();
    if (this.resolve !== undefined) this.timer = this.ctx.clock.setTimeout(this.wake, ms);
    return p;
  }
}
