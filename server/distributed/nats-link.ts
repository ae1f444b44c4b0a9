import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { LinkEdge } from '../runtime/edge-link.js';
import { DEFAULT_ACK_WAIT_MS } from './broker-streams.js';
import { BrokerPublisher } from './nats-publisher.js';
import { BrokerSubscriber } from './nats-subscriber.js';

export { BrokerPublisher } from './nats-publisher.js';
export { BrokerSubscriber } from './nats-subscriber.js';

/**
 * The `LinkEdge` of distributed mode: a publish side is a `BrokerPublisher`, a consume side a
 * `BrokerSubscriber`, both on one NATS connection (the part's). The streams and the consumer
 * exist already (the coordinator made them with `createEdgeStream`).
 *
 * @example
 * startRun(part.plan, { runId, brokerEdges: part.brokerEdges, linkEdge: natsLinkEdge(nc, { ackWaitMs }) });
 */
export function natsLinkEdge(nc: NatsConnection, opts: { ackWaitMs?: number } = {}): LinkEdge {
  let jsm: Promise<JetStreamManager> | undefined;
  const manager = () => {
    jsm ??= jetstreamManager(nc);
    return jsm;
  };
  const ackWaitMs = opts.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
  return (spec, side, queue, ctx) =>
    side === 'publish'
      ? new BrokerPublisher(nc, spec, queue, ctx)
      : new BrokerSubscriber(nc, manager, spec, queue, ctx, ackWaitMs);
}
