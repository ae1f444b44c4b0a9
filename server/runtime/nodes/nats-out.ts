import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { natsOutKind } from '../../../shared/catalog/kinds/nats-out.js';
import { AbortedError } from '../cancellation.js';
import type { Clock } from '../clock.js';
import { type AsyncBehavior, FatalNodeError, type NodeContext } from '../node-behavior.js';
import { silentIo } from '../node-io.js';
import { connectNats, type NatsConnector } from './nats-connect.js';

type Params = ParamsOf<typeof natsOutKind>;

/** Core mode: items published per flush (one round trip makes a slow server slow the node). */
const CORE_BATCH = 64;
const FULL_BACKOFF_MIN_MS = 1;
const FULL_BACKOFF_MAX_MS = 50;
/** The console hears about a full stream at most this often (a blocked run retries 20+ times a second). */
const FULL_NOTE_EVERY_MS = 10_000;

/** A stream at its limits with discard new refuses: "maximum messages exceeded" and kin. */
const isFull = (err: unknown) => err instanceof Error && /maximum (messages|bytes)/i.test(err.message);

/**
 * Publishes items as JSON. The connection is made on the first batch, inside the run's thread,
 * and closed once by `close` after every lane has ended. A full JetStream stream is not a failure:
 * the publish waits (backpressured) and is tried again until the stream has room, so under `block`
 * the graph upstream waits too and no item is lost. A lost connection fails the run.
 */
export function createNatsOut(
  ctx: NodeContext<Params>,
  connector: NatsConnector = connectNats,
): AsyncBehavior {
  const p = ctx.params;
  let conn: Promise<{ nc: NatsConnection; js: JetStreamClient }> | undefined;
  let closing = false;
  let lost: string | undefined;
  const io = ctx.io ?? silentIo();
  let retries = 0;
  let notedAt = Number.NEGATIVE_INFINITY;
  /** Says on the run console (beside the node's id) why it holds items, and how often it tried again. */
  const noteFull = (err: unknown) => {
    retries++;
    const now = ctx.clock.now();
    if (now - notedAt < FULL_NOTE_EVERY_MS) return;
    notedAt = now;
    const why = err instanceof Error ? err.message : String(err);
    io.send({
      type: 'log',
      lines: [
        `the stream for "${p.subject}" refuses more (${why}): holding items and retrying until it has room (${retries} ${retries === 1 ? 'retry' : 'retries'} so far)`,
      ],
      sampledOut: 0,
    });
  };

  const connection = () => {
    conn ??= connector(p.url, ctx.env?.natsAllow, `sluice ${ctx.runId ?? ''} ${ctx.nodeId}`.trim()).then(
      (nc) => {
        void nc.closed().then((err) => {
          if (!closing) lost = `lost the connection to ${p.url}${err ? `: ${err.message}` : ''}`;
        });
        return { nc, js: jetstream(nc, { timeout: p.timeoutMs }) };
      },
    );
    return conn.catch((err: Error) => {
      throw new FatalNodeError(err.message);
    });
  };

  return {
    type: 'async',
    batchSize: p.mode === 'core' ? CORE_BATCH : 1,
    concurrency: p.mode === 'core' ? 1 : p.concurrency,
    async handle(items, signal, hold) {
      const { nc, js } = await connection();
      if (lost !== undefined || nc.isClosed())
        throw new FatalNodeError(lost ?? `lost the connection to ${p.url}`);
      if (p.mode === 'core') {
        for (const item of items) nc.publish(p.subject, JSON.stringify(item));
        await nc.flush();
        return 0;
      }
      const data = JSON.stringify(items[0]);
      let held = false;
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await js.publish(p.subject, data, { timeout: p.timeoutMs });
            return 0;
          } catch (err) {
            if (lost !== undefined) throw new FatalNodeError(lost);
            if (!isFull(err)) throw err;
            noteFull(err);
            if (!held) {
              held = true;
              hold?.(true);
            }
            const ms = Math.min(FULL_BACKOFF_MAX_MS, FULL_BACKOFF_MIN_MS * 2 ** attempt);
            await sleep(ctx.clock, ms, signal);
          }
        }
      } finally {
        if (held) hold?.(false);
      }
    },
    async close() {
      closing = true;
      if (!conn) return;
      const c = await conn.catch(() => undefined);
      if (c) await c.nc.close();
    },
  };
}

/** Waits `ms` on the run's clock; rejects at once when the run stops. */
function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AbortedError());
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(new AbortedError());
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
