import type { ToWorker } from './messages.js';

/** How long a request to a run's thread may take before the caller is told to try again. */
export const ASK_TIMEOUT_MS = 2_000;

/** The run's thread did not answer in time (busy in a long synchronous turn, or stuck). */
export class AskTimeoutError extends Error {
  constructor() {
    super(`the run did not answer within ${ASK_TIMEOUT_MS / 1000} s; try again`);
  }
}

/**
 * Request/reply over a worker's message channel: each ask gets an id, the thread's `reply`
 * answers it, and an ask no answer reaches within ASK_TIMEOUT_MS rejects, so an HTTP request
 * never hangs on a run thread that is busy or gone. At most one timer per pending ask.
 */
export class ThreadAsks {
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; timer: NodeJS.Timeout }>();
  private next = 0;

  constructor(private readonly post: (m: ToWorker) => void) {}

  ask(type: 'queue-items' | 'empty-queue', edgeId: string): Promise<unknown> {
    const reqId = ++this.next;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(reqId);
        reject(new AskTimeoutError());
      }, ASK_TIMEOUT_MS);
      this.pending.set(reqId, { resolve, timer });
      this.post({ type, edgeId, reqId });
    });
  }

  answer(reqId: number, value: unknown): void {
    const p = this.pending.get(reqId);
    if (!p) return; // timed out already
    clearTimeout(p.timer);
    this.pending.delete(reqId);
    p.resolve(value);
  }

  /** The thread is gone: whatever it was asked has no answer (undefined: the run has ended). */
  endAll(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.resolve(undefined);
    }
    this.pending.clear();
  }
}
