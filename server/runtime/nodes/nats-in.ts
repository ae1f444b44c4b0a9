import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { natsInKind } from '../../../shared/catalog/kinds/nats-in.js';
import type { FeedBehavior, FeedReport, NodeContext } from '../node-behavior.js';
import { FeedBuffer } from './feed-buffer.js';
import { connectNats, type NatsConnector } from './nats-connect.js';
import { pullFromConsumer } from './nats-in-pull.js';
import { decodeMessage } from './nats-payload.js';

type Params = ParamsOf<typeof natsInKind>;

const quiet: FeedReport = { rejected() {}, errors() {} };

/**
 * The worker side of `nats-in`: a feed whose buffer is filled by a core subscription (open loop:
 * what finds the buffer full is rejected) or by pulls from a JetStream consumer (closed loop: it
 * never asks for more than the buffer has room for). The connection is made on the first `take`,
 * inside the run's thread, and closed once by `close`.
 */
export function createNatsIn(ctx: NodeContext<Params>, connector: NatsConnector = connectNats): FeedBehavior {
  const p = ctx.params;
  const buffer = new FeedBuffer(p.bufferSize);
  let report = quiet;
  let failure: string | undefined;
  let started = false;
  let stopping = false; // drain or close: no more messages are taken in
  let closing = false;
  let connecting: Promise<void> | undefined;
  let release: () => Promise<void> = async () => {};
  /** JetStream: acks owed for items handed on, oldest first (set by the pull loop). */
  let handedOnHook: (n: number) => void = () => {};
  let roomHook: () => void = () => {};
  let stopHook: () => void = () => {};

  const fail = (message: string) => {
    failure ??= message;
    buffer.wake();
  };

  const start = async () => {
    if (p.mode === 'jetstream' && p.stream === '') throw new Error('mode jetstream needs a stream');
    const nc = await connector(p.url, ctx.env?.natsAllow, `sluice ${ctx.runId ?? ''} ${ctx.nodeId}`.trim());
    release = async () => {
      await nc.close();
    };
    if (closing) return release();
    void nc.closed().then((err) => {
      if (!closing) fail(`lost the connection to ${p.url}${err ? `: ${err.message}` : ''}`);
    });
    if (p.mode === 'core') {
      const sub = nc.subscribe(p.subject, {
        callback: (err, msg) => {
          if (err) return fail(`subscription to ${p.subject}: ${err.message}`);
          if (stopping) return;
          const item = decodeMessage(msg.data, p.maxBytes, ctx.clock.wallNow());
          if (item === undefined) return report.errors(1);
          // Core NATS cannot be made to wait: with no room, the message is lost here, counted.
          if (buffer.room <= 0) return report.rejected(1);
          buffer.push(item);
          buffer.wake();
        },
      });
      // Drain: stop listening at once; what is buffered is still handed on.
      stopHook = () => sub.unsubscribe();
      if (stopping) stopHook();
      return;
    }
    const pull = pullFromConsumer(
      nc,
      { url: p.url, stream: p.stream, consumer: p.consumer, maxBytes: p.maxBytes },
      buffer,
      {
        wallNow: () => ctx.clock.wallNow(),
        malformed: () => report.errors(1),
        stopped: () => stopping,
        clock: ctx.clock,
      },
    );
    handedOnHook = pull.handedOn;
    roomHook = pull.wake;
    release = async () => {
      await pull.stop();
      await nc.close();
    };
    pull.done.catch((err: Error) => fail(err.message));
  };

  return {
    type: 'feed',
    attach(r) {
      report = r;
    },
    take(max) {
      if (!started) {
        started = true;
        connecting = start().catch((err: Error) => fail(err.message));
      }
      if (failure !== undefined) throw new Error(failure);
      return buffer.take(max);
    },
    handedOn(n) {
      buffer.handedOn(n);
      handedOnHook(n);
      roomHook();
    },
    onArrival(wake) {
      return buffer.onArrival(wake);
    },
    drain() {
      stopping = true;
      stopHook();
      roomHook();
    },
    async close() {
      if (closing) return;
      closing = true;
      stopping = true;
      await connecting;
      await release();
    },
  };
}
