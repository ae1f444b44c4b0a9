/**
 * Bytes of items and log lines waiting in sockets' outboxes, per run, over all its sockets. A
 * per-socket bound alone lets a run with 500 watchers hold 500 times it; this one does not.
 */
export const MAX_RUN_PENDING_BYTES = 16 * 1024 * 1024;

export class RunPendingBytes {
  private readonly byRun = new Map<string, number>();

  constructor(private readonly max = MAX_RUN_PENDING_BYTES) {}

  add(runId: string, n: number): void {
    const next = (this.byRun.get(runId) ?? 0) + n;
    if (next <= 0) this.byRun.delete(runId);
    else this.byRun.set(runId, next);
  }

  /** How far the run is past its bound, bytes (0 within it). */
  over(runId: string): number {
    return Math.max(0, (this.byRun.get(runId) ?? 0) - this.max);
  }

  /** Bytes waiting for the run's sockets. */
  of(runId: string): number {
    return this.byRun.get(runId) ?? 0;
  }
}
