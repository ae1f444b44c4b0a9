import type { Worker } from 'node:worker_threads';
import type { Plan } from '../../../shared/compiler/plan.js';
import type { Overflow } from '../../../shared/graph/graph-schema.js';
import type { QueueListing } from '../../../shared/protocol/queue-inspect.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { emptyTotals, isFinished } from '../../../shared/protocol/telemetry.js';
import type { DroppedItem } from '../../../shared/protocol/trace.js';
import type { NodeInMessage } from '../node-io.js';
import type { RunHandle, RunResult } from '../run-handle.js';
import type { RunOptions, TraceAsk } from '../start-run.js';
import type { FromWorker, ToWorker, WorkerStart } from './messages.js';
import type { SpareRunThread } from './spare-run-thread.js';
import { spawnRunThread } from './spawn-run-thread.js';
import { ThreadAsks } from './thread-asks.js';

export interface WorkerRunOptions
  extends Pick<
    RunOptions,
    | 'runId'
    | 'telemetryHz'
    | 'seed'
    | 'onFrame'
    | 'onStatus'
    | 'onNodeMessage'
    | 'nodeEnv'
    | 'onTrace'
    | 'onTap'
  > {
  /** Old-generation heap limit of the run's thread; past it the run fails, the server does not. */
  memoryMb?: number;
  /** A thread started ahead with the runtime loaded; without it the run spawns its own. */
  spare?: SpareRunThread;
}

/**
 * A run executing in its own worker thread. Mirrors the run's state from its messages so reads
 * (status, totals, latest frame) never cross threads.
 */
export class WorkerRun implements RunHandle {
  readonly runId: string;
  status: RunStatus = 'starting';
  error: RunError | undefined;
  readonly startedAtWall = Date.now();
  endedAtWall: number | undefined;
  readonly done: Promise<RunResult>;
  private latest: TelemetryFrame | null = null;
  private lastTotals: RunTotals = emptyTotals();
  private readonly worker: Worker;
  private terminated = false;
  /** Ledger reads waiting for the run's thread, by request id. */
  /** The ledgers the thread sent as it ended; undefined while it runs (or if it crashed). */
  private endedLedgers: Record<string, DroppedItem[]> | undefined;
  private readonly dropReads = new Map<number, (drops: DroppedItem[] | undefined) => void>();
  private nextRead = 0;
  /** Queue reads and empties waiting for the run's thread (see `ask`). */
  private readonly asks = new ThreadAsks((m) => this.worker.postMessage(m satisfies ToWorker));

  constructor(
    plan: Plan,
    private readonly options: WorkerRunOptions,
  ) {
    this.runId = options.runId;
    const start: WorkerStart = { plan, runId: options.runId, telemetryHz: options.telemetryHz ?? 10 };
    if (options.seed !== undefined) start.seed = options.seed;
    if (options.nodeEnv !== undefined) start.nodeEnv = options.nodeEnv;
    const memoryMb = options.memoryMb ?? 512;
    this.worker = options.spare ? options.spare.take(start, memoryMb) : spawnRunThread(start, memoryMb);
    this.done = new Promise<RunResult>((resolve) => {
      let result: RunResult | undefined;
      this.worker.on('message', (m: FromWorker) => {
        if (m.type === 'frame') {
          this.latest = m.frame;
          this.lastTotals = m.totals;
          options.onFrame?.(m.frame);
        } else if (m.type === 'node') {
          options.onNodeMessage?.(m.nodeId, m.message);
        } else if (m.type === 'trace') {
          options.onTrace?.(m.messages);
        } else if (m.type === 'reply') {
          this.asks.answer(m.reqId, m.value);
        } else if (m.type === 'tap') {
          options.onTap?.(m.message);
        } else if (m.type === 'ledgers') {
          this.endedLedgers = m.ledgers;
        } else if (m.type === 'drops') {
          this.dropReads.get(m.reqId)?.(m.drops);
          this.dropReads.delete(m.reqId);
        } else if (m.type === 'status') {
          this.lastTotals = m.totals;
          this.setStatus(m.status, m.error);
        } else {
          result = m.result;
        }
      });
      this.worker.on('error', (err: Error & { code?: string }) => {
        const message =
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `run exceeded its memory limit of ${options.memoryMb ?? 512} MB`
            : `run crashed: ${err.message}`;
        this.error ??= { message };
      });
      this.worker.on('exit', () => {
        const final: RunResult = result ?? {
          status: this.terminated ? 'stopped' : 'failed',
          ...(this.terminated ? {} : { error: this.error ?? { message: 'run thread exited unexpectedly' } }),
          totals: this.lastTotals,
          durationMs: Date.now() - this.startedAtWall,
        };
        this.lastTotals = final.totals;
        this.endedAtWall = Date.now();
        // A read the thread never answered: its ledger is gone with it.
        for (const answer of this.dropReads.values()) answer(undefined);
        this.dropReads.clear();
        this.asks.endAll();
        this.setStatus(final.status, final.error);
        resolve(final);
      });
    });
  }

  private setStatus(status: RunStatus, error?: RunError): void {
    if (error) this.error = error;
    if (this.status === status || isFinished(this.status)) return;
    this.status = status;
    this.options.onStatus?.(status, error);
  }

  private send(m: ToWorker): void {
    if (!isFinished(this.status)) this.worker.postMessage(m);
  }

  totals(): RunTotals {
    return this.lastTotals;
  }

  latestFrame(): TelemetryFrame | null {
    return this.latest;
  }

  stop(mode: 'abort' | 'drain'): void {
    this.send({ type: 'stop', mode });
  }

  terminate(): void {
    if (isFinished(this.status)) return;
    this.terminated = true;
    void this.worker.terminate();
  }

  pause(): boolean {
    if (this.status !== 'running') return false;
    this.send({ type: 'pause' });
    this.setStatus('paused'); // the worker confirms with the same status, which is then a no-op
    return true;
  }

  resume(): boolean {
    if (this.status !== 'paused') return false;
    this.send({ type: 'resume' });
    this.setStatus('running');
    return true;
  }

  updateNode(nodeId: string, params: Record<string, unknown>): void {
    this.send({ type: 'update-node', nodeId, params });
  }

  updateEdge(edgeId: string, capacity: number, overflow: Overflow, expireMs = 0): void {
    this.send({ type: 'update-edge', edgeId, capacity, overflow, expireMs });
  }

  toNode(nodeId: string, message: NodeInMessage): void {
    this.send({ type: 'node', nodeId, message });
  }

  trace(ask: TraceAsk): void {
    this.send({ type: 'trace', ask });
  }

  queueItems(edgeId: string): Promise<QueueListing | undefined> {
    if (isFinished(this.status)) return Promise.resolve(undefined);
    return this.asks.ask('queue-items', edgeId) as Promise<QueueListing | undefined>;
  }

  emptyQueue(edgeId: string): Promise<number | undefined> {
    if (isFinished(this.status)) return Promise.resolve(undefined);
    return this.asks.ask('empty-queue', edgeId) as Promise<number | undefined>;
  }

  tap(edgeId: string, on: boolean): void {
    this.send({ type: 'tap', edgeId, on });
  }

  /** Asks the run's thread for the edge's ledger; a finished run answers the ledgers it ended with. */
  drops(edgeId: string): Promise<DroppedItem[] | undefined> {
    if (isFinished(this.status))
      return Promise.resolve(
        this.endedLedgers && (Object.hasOwn(this.endedLedgers, edgeId) ? this.endedLedgers[edgeId] : []),
      );
    const reqId = ++this.nextRead;
    return new Promise((resolve) => {
      this.dropReads.set(reqId, resolve);
      this.worker.postMessage({ type: 'drops', edgeId, reqId } satisfies ToWorker);
    });
  }
}
