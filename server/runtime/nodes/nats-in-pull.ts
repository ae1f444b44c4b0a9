import {
  AckPolicy,
  type ConsumerMessages,
  JetStreamApiCodes,
  JetStreamApiError,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Clock } from '../clock.js';
import type { FeedBuffer } from './feed-buffer.js';
import { decodeMessage } from './nats-payload.js';

/** Largest pull request: big enough to amortise the round trip, small enough to spread load. */
const MAX_PULL = 256;
/** An empty stream answers a pull after this long, and the loop asks again. */
const PULL_EXPIRES_MS = 1_000;

export interface PullSettings {
  url: string;
  stream: string;
  consumer: string;
  maxBytes: number;
}

export interface PullHooks {
  wallNow(): number;
  malformed(): void;
  /** Drain: fetch nothing more. */
  stopped(): boolean;
  clock: Clock;
}

export interface Pull {
  /** Settles when the loop ends; rejects with a message for the run when it cannot go on. */
  done: Promise<void>;
  /** `n` more items (oldest first) are in the graph: ack their messages. */
  handedOn(n: number): void;
  /** Room may have freed up (or drain began): look again. */
  wake(): void;
  /** Ends the loop; messages fetched but not handed on are nak'ed, for prompt redelivery. */
  stop(): Promise<void>;
}

/**
 * Pulls from a durable JetStream consumer into `buffer`, never asking for more messages than
 * the buffer has room for: when the graph is slow the buffer stays full, nothing is fetched and
 * the messages wait in the stream (its pending count grows). Acks follow the items: a message is
 * acked once its item is handed on (at-least-once). While items wait for room downstream their
 * messages are kept alive with `working()` so the server does not redeliver them meanwhile.
 */
export function pullFromConsumer(
  nc: NatsConnection,
  s: PullSettings,
  buffer: FeedBuffer,
  hooks: PullHooks,
): Pull {
  const js = jetstream(nc);
  let unacked: JsMsg[] = [];
  let head = 0;
  let current: ConsumerMessages | undefined;
  let waiting: (() => void) | undefined;
  let stopped = false;
  let heartbeat: unknown;
  const wake = () => {
    const w = waiting;
    waiting = undefined;
    w?.();
  };

  const consumerOf = async () => {
    try {
      return await js.consumers.get(s.stream, s.consumer);
    } catch (err) {
      const code = err instanceof JetStreamApiError ? err.code : 0;
      if (code === JetStreamApiCodes.StreamNotFound) throw new Error(`no stream "${s.stream}" on ${s.url}`);
      if (code !== JetStreamApiCodes.ConsumerNotFound) throw err;
      const jsm = await jetstreamManager(nc);
      await jsm.consumers.add(s.stream, { durable_name: s.consumer, ack_policy: AckPolicy.Explicit });
      return js.consumers.get(s.stream, s.consumer);
    }
  };

  const keepAlive = (everyMs: number) => {
    heartbeat = hooks.clock.setTimeout(() => {
      if (stopped) return;
      for (let i = head; i < unacked.length; i++) unacked[i]!.working();
      keepAlive(everyMs);
    }, everyMs);
  };

  const loop = async () => {
    const consumer = await consumerOf();
    const info = await consumer.info(true);
    keepAlive(Math.max(500, (info.config.ack_wait ?? 30e9) / 3e6)); // ack_wait is in ns
    while (!stopped && !hooks.stopped()) {
      const room = Math.min(buffer.room, MAX_PULL);
      if (room <= 0) {
        await new Promise<void>((resolve) => {
          waiting = resolve;
        });
        continue;
      }
      current = await consumer.fetch({ max_messages: room, expires: PULL_EXPIRES_MS });
      for await (const m of current) {
        const item = decodeMessage(m.data, s.maxBytes, hooks.wallNow());
        if (item === undefined) {
          m.term(); // it would be malformed every time it came back
          hooks.malformed();
          continue;
        }
        if (stopped) {
          m.nak();
          continue;
        }
        unacked.push(m);
        buffer.push(item);
        buffer.wake();
      }
      current = undefined;
    }
  };
  const done = loop().catch((err: Error) => {
    if (!stopped) throw new Error(`JetStream ${s.stream}/${s.consumer}: ${err.message}`);
  });

  return {
    done,
    handedOn(n) {
      for (let i = 0; i < n && head < unacked.length; i++) unacked[head++]!.ack();
      if (head === unacked.length) {
        unacked = [];
        head = 0;
      } else if (head > 1024 && head * 2 > unacked.length) {
        unacked = unacked.slice(head);
        head = 0;
      }
    },
    wake,
    async stop() {
      stopped = true;
      hooks.clock.clearTimeout(heartbeat);
      current?.stop();
      wake();
      await done.catch(() => {});
      for (let i = head; i < unacked.length; i++) unacked[i]!.nak();
      unacked = [];
      head = 0;
      await nc.flush().catch(() => {});
    },
  };
}
