import type { JetStreamManager } from '@nats-io/jetstream';
import { brokerNames } from '../../shared/compiler/partition-plan.js';
import type { PlanEdge } from '../../shared/compiler/plan.js';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import { createEdgeStream, deleteRunStreams, streamState, updateEdgeStream } from './broker-streams.js';
import type { StreamSnapshot } from './merge-frames.js';

/** The JetStream objects of one run, as its coordinator uses them. */
export interface RunBroker {
  /** One stream and its shared durable consumer for a `nats` edge. */
  create(edge: PlanEdge): Promise<void>;
  /** A live capacity/overflow change: the stream's limit first, then the parts are told. */
  update(edgeId: string, capacity: number, overflow: Overflow): Promise<void>;
  state(edgeId: string): Promise<StreamSnapshot | undefined>;
  /** Every stream (and so consumer) of the run: nothing is left in JetStream after it ends. */
  deleteAll(): Promise<void>;
}

/**
 * The run's streams through `broker-streams.ts`, named by `brokerNames`.
 *
 * @example
 * const broker = runBroker(cluster.jsm, runId, 5_000);
 * await broker.create(edge);
 */
export function runBroker(jsm: JetStreamManager, runId: string, ackWaitMs: number): RunBroker {
  const names = (edgeId: string) => brokerNames(runId, edgeId);
  return {
    create: (edge) => createEdgeStream(jsm, names(edge.id), edge.capacity, edge.overflow, { ackWaitMs }),
    update: (edgeId, capacity, overflow) => updateEdgeStream(jsm, names(edgeId), capacity, overflow),
    // A stream that is gone (deleted at the end, or never made) has no state to show.
    state: (edgeId) =>
      streamState(jsm, names(edgeId)).then(
        (s) => ({
          messages: s.messages,
          lastSeq: s.lastSeq,
          ...(s.firstTs === undefined ? {} : { firstTs: s.firstTs }),
        }),
        () => undefined,
      ),
    deleteAll: async () => {
      await deleteRunStreams(jsm, runId);
    },
  };
}
