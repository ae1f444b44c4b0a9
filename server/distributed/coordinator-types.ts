import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { RunnerInfo } from '../../shared/protocol/cluster.js';
import type { RunError, RunStatus, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import type { Clock } from '../runtime/clock.js';
import type { NodeOutMessage } from '../runtime/node-io.js';
import type { RunBroker } from './run-broker.js';

/** What the coordinator needs of the server's cluster connection. */
export interface CoordinatorCluster {
  nc: NatsConnection;
  jsm: JetStreamManager;
  registry: { alive(): RunnerInfo[]; onDead(fn: (runnerId: string) => void): () => void };
}

export interface RunPartsOptions {
  runId: string;
  telemetryHz?: number;
  clock?: Clock;
  seed?: number;
  onFrame?: (frame: TelemetryFrame) => void;
  onStatus?: (status: RunStatus, error?: RunError) => void;
  onNodeMessage?: (nodeId: string, message: NodeOutMessage) => void;
  onLog?: (line: string) => void;
  cluster: CoordinatorCluster;
  broker: RunBroker;
  /** Redelivery of an item a consumer took and did not ack (its part died). Default 5 s. */
  ackWaitMs?: number;
  /** An aborted or failing run whose parts have not all ended after this ends anyway. Default 10 s. */
  stopWaitMs?: number;
}
