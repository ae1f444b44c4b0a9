export class AbortedError extends Error {
  constructor() {
    super('run aborted');
    this.name = 'AbortedError';
  }
}

/**
 * Every wait in a run goes through here, so Stop can reject all of them — and release their
 * timers and listeners — exactly once.
 */
export class Cancellation {
  aborted = false;
  private readonly pending = new Set<() => void>();
  private readonly hooks: Array<() => void> = [];

  /**
   * For hot waits (an empty input, a full output): the waiting object registers once and rejects
   * its own waiters on abort, instead of paying a registration per wait.
   */
  onAbort(hook: () => void): void {
    this.hooks.push(hook);
  }

  /**
   * A promise that `start(resolve)` settles; `start` returns the cleanup that releases whatever it
   * registered (a timer, a waiter slot). Cleanup runs exactly once, on resolve or on abort.
   */
  wait<T = void>(start: (resolve: (value: T) => void) => () => void): Promise<T> {
    if (this.aborted) return Promise.reject(new AbortedError());
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let cleanup: (() => void) | undefined;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        cleanup?.();
        reject(new AbortedError());
      };
      this.pending.add(onAbort);
      cleanup = start((value) => {
        if (settled) return;
        settled = true;
        this.pending.delete(onAbort);
        cleanup?.();
        resolve(value);
      });
      if (settled) cleanup();
    });
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const all = [...this.pending];
    this.pending.clear();
    for (const onAbort of all) onAbort();
    for (const hook of this.hooks) hook();
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}
