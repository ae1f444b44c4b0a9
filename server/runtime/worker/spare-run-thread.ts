import type { Worker } from 'node:worker_threads';
import type { SpareStart, WorkerStart } from './messages.js';
import { spawnRunThread } from './spawn-run-thread.js';

/**
 * One run thread started before it is needed. A new thread loads the whole runtime (every node
 * kind and its client libraries) before it can run anything: 0.8–1.1 s measured at load 11–13 on
 * the 2-core test machine, most of the wait between pressing Run and the first numbers. The spare
 * has loaded it and waits for its run's start message. Each thread still runs one run and ends
 * with it, as before: the spare is only started earlier. Taking it starts the next one.
 */
export class SpareRunThread {
  private spare: Worker | undefined;
  private forget: (() => void) | undefined;
  private closed = false;

  constructor(private readonly memoryMb: number) {}

  /** Starts the spare if there is none (at server start, and after each take). */
  prime(): void {
    if (this.closed || this.spare) return;
    const thread = spawnRunThread(null, this.memoryMb);
    thread.unref(); // an idle spare never keeps the process alive
    // A spare that died idle is not handed out; the next run spawns its own thread.
    const forget = () => {
      if (this.spare !== thread) return;
      this.spare = undefined;
      this.forget = undefined;
    };
    thread.once('exit', forget);
    thread.on('error', forget);
    this.spare = thread;
    this.forget = forget;
  }

  /** The thread for a run: the spare, told to start `start`, else a new one started with it. */
  take(start: WorkerStart, memoryMb: number): Worker {
    const thread = this.spare;
    const forget = this.forget;
    if (!thread || !forget || memoryMb !== this.memoryMb) return spawnRunThread(start, memoryMb);
    this.spare = undefined;
    this.forget = undefined;
    // The next spare loads in its own thread while this run starts in its.
    setImmediate(() => this.prime());
    thread.off('exit', forget);
    thread.off('error', forget);
    thread.ref();
    thread.postMessage({ type: 'start', start } satisfies SpareStart);
    return thread;
  }

  /** The spare's thread id (tests). */
  get spareThreadId(): number | undefined {
    return this.spare?.threadId;
  }

  /** Ends the spare; none is started after. */
  async close(): Promise<void> {
    this.closed = true;
    const thread = this.spare;
    this.spare = undefined;
    this.forget = undefined;
    await thread?.terminate();
  }
}
