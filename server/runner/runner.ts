import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import {
  HEARTBEAT_MS,
  HEARTBEAT_SUBJECT,
  type PartEvent,
  type RunnerHeartbeat,
  runEventsSubject,
  runnerStartSubject,
  type StartPart,
  type StartPartReply,
} from '../../shared/protocol/cluster.js';
import { VERSION } from '../../shared/version.js';
import { connectionState } from '../distributed/cluster.js';
import { START_PART_TIMEOUT_MS } from '../distributed/start-part.js';
import type { NodeEnv } from '../runtime/node-io.js';
import { type PartEnd, PartThread } from './part-thread.js';
import { parseStartPart } from './start-part-schema.js';

/** Shorter than the coordinator's wait, so it hears this runner's refusal rather than a timeout. */
const READY_TIMEOUT_MS = START_PART_TIMEOUT_MS - 1_000;

export interface RunnerOptions {
  id: string;
  host: string;
  slots: number;
  /** The parts' own connections go here (each part thread connects by itself). */
  natsUrl: string;
  /** Heap of one part's thread, MB (SLUICE_RUN_MEMORY_MB). */
  memoryMb: number;
  nodeEnv?: NodeEnv;
  logger: Logger;
  /** A part with no coordinator listening this long stops itself (SLUICE_ORPHAN_PART_MS). */
  orphanMs?: number;
  /** Shutdown: how long parts get to end after `stop` before their threads are terminated. */
  stopGraceMs?: number;
}

/**
 * A runner process's core: announces itself on `HEARTBEAT_SUBJECT`, answers `StartPart` on its
 * own subject (at most `slots` parts at once), runs each part in its own worker thread, and
 * reports a part's `done` itself when the part could not (crash, memory, terminate).
 */
export class Runner {
  private readonly parts = new Map<string, PartThread>();
  private readonly startedAt = Date.now();
  private sub: Subscription | undefined;
  private beatTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly link: { readonly connected: boolean };

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: RunnerOptions,
  ) {
    this.link = connectionState(nc);
  }

  async start(): Promise<void> {
    this.sub = this.nc.subscribe(runnerStartSubject(this.options.id), {
      callback: (err, msg) => {
        if (!err) void this.onStart(msg);
      },
    });
    this.beat();
    this.beatTimer = setInterval(() => this.beat(), HEARTBEAT_MS);
    await this.nc.flush();
  }

  /** Parts running now, as `runId/partId`. */
  partKeys(): string[] {
    return [...this.parts.keys()];
  }

  /** Stops taking parts, aborts every running one (each publishes its `done`), then returns. */
  async shutdown(reason: string): Promise<void> {
    this.stopping = true;
    this.sub?.unsubscribe();
    const ending = [...this.parts.values()].map((p) => {
      p.stop('abort', reason);
      const grace = setTimeout(() => p.terminate(reason), this.options.stopGraceMs ?? 5_000);
      return p.ended.finally(() => clearTimeout(grace));
    });
    await Promise.all(ending);
    // `settle` runs after `ended` resolves: let it publish the dones of terminated parts.
    await new Promise((r) => setImmediate(r));
    clearInterval(this.beatTimer);
    this.beat();
    await this.nc.flush().catch(() => {});
  }

  private beat(): void {
    if (!this.link.connected) return; // a stale beat buffered for later says nothing true
    const hb: RunnerHeartbeat = {
      id: this.options.id,
      host: this.options.host,
      slots: this.options.slots,
      parts: this.partKeys(),
      startedAt: this.startedAt,
      at: Date.now(),
      version: VERSION,
    };
    try {
      this.nc.publish(HEARTBEAT_SUBJECT, JSON.stringify(hb));
    } catch (err) {
      this.options.logger.warn({ err }, 'heartbeat not sent');
    }
  }

  private reply(msg: Msg, reply: StartPartReply): void {
    if (msg.reply) msg.respond(JSON.stringify(reply));
  }

  private async onStart(msg: Msg): Promise<void> {
    const { logger, id, slots } = this.options;
    const parsed = parseStartPart(msg.data);
    if (!parsed.ok) return this.reply(msg, parsed);
    const start = parsed.start;
    const key = `${start.runId}/${start.part.partId}`;
    const refuse = (error: string) => {
      logger.info({ part: key, reason: error }, 'part refused');
      this.reply(msg, { ok: false, error });
    };
    if (this.stopping) return refuse(`runner ${id} is shutting down`);
    if (this.parts.has(key)) return refuse(`runner ${id} already runs part ${key}`);
    if (this.parts.size >= slots) return refuse(`runner ${id} has all ${slots} slots in use`);

    const part = new PartThread(
      {
        natsUrl: this.options.natsUrl,
        runnerId: id,
        start,
        nodeEnv: this.options.nodeEnv,
        orphanMs: this.options.orphanMs,
      },
      this.options.memoryMb,
    );
    this.parts.set(key, part);
    void part.ended.then((end) => this.settle(key, start, part, end));
    this.beat(); // the coordinator's view of free slots catches up now, not in a second
    // A part that starts listening after the coordinator stopped waiting would run unsupervised
    // (it missed the stop the coordinator sent as it gave up): give up first, with the reason.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const reason = `not ready within ${READY_TIMEOUT_MS} ms`;
        part.terminate(reason);
        reject(new Error(reason));
      }, READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([part.ready, late]);
    } catch (err) {
      return refuse(`part ${key} did not start: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
    }
    logger.info({ part: key }, 'part started');
    this.reply(msg, { ok: true });
  }

  /** The part's thread is gone: free its slot, and say `done` for it if it could not. */
  private settle(key: string, start: StartPart, part: PartThread, end: PartEnd): void {
    this.parts.delete(key);
    this.beat();
    if (end.published || !part.isReady) {
      this.options.logger.info({ part: key, status: end.status, reason: end.error?.message }, 'part ended');
      return;
    }
    const event: PartEvent = {
      partId: start.part.partId,
      runnerId: this.options.id,
      type: 'done',
      status: end.status,
      ...(end.error ? { error: end.error } : {}),
      totals: end.totals,
    };
    this.options.logger.warn({ part: key, status: end.status, reason: end.error?.message }, 'part ended');
    try {
      this.nc.publish(runEventsSubject(start.runId), JSON.stringify(event));
    } catch (err) {
      this.options.logger.error({ err, part: key }, 'done not sent');
    }
  }
}
