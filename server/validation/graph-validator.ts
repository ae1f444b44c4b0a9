import { Worker } from 'node:worker_threads';
import type { CompileResult } from '../../shared/compiler/compile.js';
import type { Issue } from '../../shared/compiler/issue.js';
import type { Graph } from '../../shared/graph/graph-schema.js';
import type { Limits } from '../config.js';
import { HttpError } from '../http/api-error.js';
import type { FromValidator, ToValidator, ValidationJob, ValidationOutcome } from './messages.js';
import { validateJob } from './validate-job.js';

export interface GraphValidatorOptions {
  /** Jobs waiting for the thread; more get 503 `busy` (each holds a body of up to maxBodyBytes). */
  maxQueued?: number;
  /** A job that runs longer is stopped and refused (400): the thread is replaced. */
  timeoutMs?: number;
  /** Heap of the validation thread, MB; a document that needs more is refused (400). */
  memoryMb?: number;
  /** An idle thread is ended after this long and started again on the next job. */
  idleMs?: number;
  /**
   * Documents smaller than this (bytes of text, roughly) are validated in the calling thread:
   * their cost is the regex budget (`maxRegexCostPerGraph`, tens of ms at most) plus a few ms,
   * less than a round trip to a thread that may first have to start. 0: always in the thread.
   */
  inlineBelowBytes?: number;
}

/**
 * True when `doc` is clearly smaller than `bytes` as JSON text: strings and keys counted, plus a
 * little per value. Stops as soon as it is not, so it costs at most a walk of `bytes` of data.
 */
export function isSmallDocument(doc: unknown, bytes: number): boolean {
  let size = 0;
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop();
    size += 4;
    if (typeof v === 'string') size += v.length;
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        size += k.length;
        stack.push(x);
      }
    if (size >= bytes) return false;
  }
  return true;
}

type Queued = {
  job: ValidationJob;
  resolve: (o: ValidationOutcome) => void;
  reject: (e: HttpError) => void;
};

const fromSource = import.meta.url.endsWith('.ts');

function spawn(memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32 };
  if (!fromSource) return new Worker(new URL('./validate-worker.js', import.meta.url), { resourceLimits });
  // From TypeScript sources (tests, `npm run dev`) the worker registers tsx first, as run workers do.
  const entry = new URL('./validate-worker.ts', import.meta.url).href;
  const bootstrap = new URL('../runtime/worker/ts-bootstrap.mjs', import.meta.url);
  return new Worker(bootstrap, { workerData: { entry }, resourceLimits });
}

/**
 * Validates untrusted graph documents in a worker thread, one at a time, so the main thread only
 * parses JSON and copies the document across: `GET /api/health`, sockets and telemetry stay
 * responsive while a 1 MB worst case is checked. Queue and time are bounded. Small documents
 * (most saves) are validated in place: bounded by the regex budget, cheaper than the hop.
 *
 * @example
 * const out = await validator.validate({ kind: 'save', doc: req.body, limits });
 */
export class GraphValidator {
  private worker: Worker | null = null;
  private readonly queue: Queued[] = [];
  private current: (Queued & { id: number; timer?: NodeJS.Timeout }) | null = null;
  private ready = false;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly maxQueued: number;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly idleMs: number;
  private readonly inlineBelowBytes: number;

  constructor(options: GraphValidatorOptions = {}) {
    this.maxQueued = options.maxQueued ?? 16;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.memoryMb = options.memoryMb ?? 256;
    this.idleMs = options.idleMs ?? 30_000;
    this.inlineBelowBytes = options.inlineBelowBytes ?? 16 * 1024;
  }

  /** A document to save: the parsed graph and what stops it from running (see `validateGraphDocument`). */
  async save(doc: unknown, limits: Limits): Promise<{ graph: Graph; runIssues: Issue[] }> {
    const out = await this.validate({ kind: 'save', doc, limits });
    if (out.kind !== 'save') throw new Error('validator answered another job');
    return out;
  }

  /** A graph to run, checked against the import limits and compiled (plan included). */
  async compileForRun(doc: unknown, limits: Limits): Promise<CompileResult> {
    const out = await this.validate({ kind: 'run', doc, limits });
    if (out.kind !== 'run') throw new Error('validator answered another job');
    return out.compiled;
  }

  /** What stops a stored graph from running. */
  async issues(doc: unknown): Promise<Issue[]> {
    const out = await this.validate({ kind: 'issues', doc });
    if (out.kind !== 'issues') throw new Error('validator answered another job');
    return out.issues;
  }

  /** The job's outcome; rejects with an HttpError (the document's own 400s included). */
  validate(job: ValidationJob): Promise<ValidationOutcome> {
    if (isSmallDocument(job.doc, this.inlineBelowBytes)) {
      const r = validateJob(job);
      if (r.ok) return Promise.resolve(r.outcome);
      const { status, code, message, issues } = r.refusal;
      return Promise.reject(new HttpError(status, code, message, issues));
    }
    if (this.queue.length >= this.maxQueued) {
      const msg = 'the server is validating too many graphs at once; try again shortly';
      return Promise.reject(new HttpError(503, 'busy', msg));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Ends the thread; queued jobs are refused. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const q of this.queue.splice(0)) q.reject(new HttpError(503, 'busy', 'the server is shutting down'));
    this.fail(new HttpError(503, 'busy', 'the server is shutting down'));
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    clearTimeout(this.idleTimer);
    const next = this.queue.shift()!;
    const id = this.nextId++;
    this.current = { ...next, id };
    const msg: ToValidator = { id, job: next.job };
    try {
      this.thread().postMessage(msg);
      if (this.ready) this.startTimer();
    } catch {
      // Structured clone recurses: a document nested thousands deep overflows its stack. The
      // import limits refuse such a document cheaply (an iterative walk that stops at the depth
      // limit), so check it here, in this thread.
      this.settle({ id, ...validateJob(next.job) });
    }
  }

  /** The job's time counts from when the thread can start on it, not from the thread's start-up. */
  private startTimer(): void {
    const c = this.current;
    if (!c || c.timer) return;
    c.timer = setTimeout(() => {
      const limit = `${this.timeoutMs.toLocaleString('en-US')} ms`;
      this.restart(new HttpError(400, 'invalid_graph', `validating the graph took longer than ${limit}`));
    }, this.timeoutMs);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    this.ready = false;
    const w = spawn(this.memoryMb);
    // The HTTP server keeps the process alive while requests wait; an idle validator must not.
    w.unref();
    w.on('message', (m: FromValidator) => {
      if (!('ready' in m)) return this.settle(m);
      this.ready = true;
      this.startTimer();
    });
    w.on('error', (err) => {
      const oom = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      const why = oom ? `needs more than ${this.memoryMb} MB to validate` : 'could not be validated';
      if (this.worker === w) this.restart(new HttpError(400, 'invalid_graph', `the graph document ${why}`));
    });
    w.on('exit', () => {
      if (this.worker === w)
        this.restart(new HttpError(400, 'invalid_graph', 'the graph could not be validated'));
    });
    this.worker = w;
    return w;
  }

  private settle(m: Exclude<FromValidator, { ready: true }>): void {
    const c = this.current;
    if (!c || c.id !== m.id) return;
    clearTimeout(c.timer);
    this.current = null;
    if (m.ok) c.resolve(m.outcome);
    else c.reject(new HttpError(m.refusal.status, m.refusal.code, m.refusal.message, m.refusal.issues));
    this.pump();
    if (!this.current) {
      this.idleTimer = setTimeout(() => void this.stopIdle(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  /** Refuses the job in progress and replaces the thread (after a timeout, crash or out-of-memory). */
  private restart(err: HttpError): void {
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
    this.fail(err);
    this.pump();
  }

  private fail(err: HttpError): void {
    const c = this.current;
    if (!c) return;
    clearTimeout(c.timer);
    this.current = null;
    c.reject(err);
  }

  private async stopIdle(): Promise<void> {
    if (this.current || this.queue.length > 0 || !this.worker) return;
    const w = this.worker;
    this.worker = null;
    await w.terminate();
  }
}
