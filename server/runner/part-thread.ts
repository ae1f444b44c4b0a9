import { Worker } from 'node:worker_threads';
import type { RunError, RunStatus, RunTotals } from '../../shared/protocol/telemetry.js';
import { emptyTotals } from '../../shared/protocol/telemetry.js';
import type { FromPart, PartWorkerData, ToPart } from './part-messages.js';

const fromSource = import.meta.url.endsWith('.ts');

/** As `WorkerRun` spawns a run's thread: built JS directly, TypeScript sources through tsx. */
function spawn(data: PartWorkerData, memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32 };
  if (!fromSource)
    return new Worker(new URL('./part-worker.js', import.meta.url), { workerData: data, resourceLimits });
  const entry = new URL('./part-worker.ts', import.meta.url).href;
  return new Worker(new URL('../runtime/worker/ts-bootstrap.mjs', import.meta.url), {
    workerData: { ...data, entry },
    resourceLimits,
  });
}

/** How a part's thread ended, when it did not report its own `done` on NATS. */
export interface PartEnd {
  /** True when the part published its `done` itself. */
  published: boolean;
  status: RunStatus;
  error?: RunError;
  totals: RunTotals;
}

/**
 * A part's worker thread seen from its runner: `ready` once it listens to the run's commands,
 * `ended` when the thread is gone — with what to report if the part could not say so itself
 * (it crashed, ran out of memory, or was terminated).
 */
export class PartThread {
  readonly ready: Promise<void>;
  readonly ended: Promise<PartEnd>;
  private readonly worker: Worker;
  private terminatedFor: string | undefined;
  /** It listened to commands before it ended (else its start was refused, and no `done` is owed). */
  isReady = false;

  constructor(data: PartWorkerData, memoryMb: number) {
    this.worker = spawn(data, memoryMb);
    let totals = emptyTotals();
    let published: { status: RunStatus; error?: RunError } | undefined;
    let crash: string | undefined;
    let markReady: () => void = () => {};
    let failReady: (err: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    this.worker.on('message', (m: FromPart) => {
      if (m.type === 'ready') {
        this.isReady = true;
        markReady();
      } else if (m.type === 'totals') totals = m.totals;
      else published = { status: m.status, ...(m.error ? { error: m.error } : {}) };
    });
    this.worker.on('error', (err: Error & { code?: string }) => {
      crash ??=
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `part exceeded its memory limit of ${memoryMb} MB`
          : `part crashed: ${err.message}`;
    });
    this.ended = new Promise<PartEnd>((resolve) => {
      this.worker.once('exit', () => {
        const reason = crash ?? this.terminatedFor ?? 'part thread exited unexpectedly';
        failReady(new Error(reason));
        if (published) return resolve({ published: true, ...published, totals });
        const status: RunStatus = this.terminatedFor && !crash ? 'stopped' : 'failed';
        resolve({ published: false, status, error: { message: reason }, totals });
      });
    });
    // A refusal is reported through `ready`; nobody need also await it.
    this.ready.catch(() => {});
  }

  stop(mode: 'abort' | 'drain', reason?: string): void {
    const m: ToPart = reason ? { type: 'stop', mode, reason } : { type: 'stop', mode };
    this.worker.postMessage(m);
  }

  /** Ends the thread without its cooperation (shutdown, when `stop` was not answered in time). */
  terminate(reason: string): void {
    this.terminatedFor ??= reason;
    void this.worker.terminate();
  }
}
