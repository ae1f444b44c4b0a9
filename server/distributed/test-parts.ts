import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Plan } from '../../shared/compiler/plan.js';
import type { BrokerEdgeSpec, BrokerNames } from '../../shared/protocol/cluster.js';
import type { Clock } from '../runtime/clock.js';
import type { Item } from '../runtime/node-behavior.js';
import { type Run, startRun } from '../runtime/start-run.js';
import { planOf } from '../runtime/test-graphs.js';
import { until } from '../test-helpers/until.js';
import { brokerNames, createEdgeStream } from './broker-streams.js';
import { natsLinkEdge } from './nats-link.js';

/** Tests: the part of `plan` holding `nodeIds` (every edge touching them kept), as partitionPlan cuts it. */
export function partOf(plan: Plan, nodeIds: string[]): Plan {
  const ids = new Set(nodeIds);
  const nodes = plan.nodes.filter((n) => ids.has(n.id));
  const edges = plan.edges.filter((e) => ids.has(e.source) || ids.has(e.target));
  return { name: plan.name, nodes, edges };
}

export interface LinkedPair {
  producer: Run;
  consumer: Run;
  names: BrokerNames;
  /** Every item the consumer's sink took, in order (unless a probe of the caller's takes them). */
  seen: Item[];
}

/**
 * Tests: `src` → [nats e1] → `mid…` → `out` as two runs in this process, the producer's
 * edge-closed relayed to the consumer as the coordinator would. Creates the edge's stream.
 */
export async function linkedRuns(
  nc: NatsConnection,
  jsm: JetStreamManager,
  o: {
    runId: string;
    source: Record<string, unknown>;
    edge: { capacity: number; overflow: BrokerEdgeSpec['overflow'] };
    /** Nodes after the edge: [id, kind, params], the last one the sink. */
    consumer: Array<[string, string, Record<string, unknown>?]>;
    ackWaitMs?: number;
    clock?: Clock;
    /** Every batch the sink takes. */
    probe?: (items: readonly Item[]) => void;
  },
): Promise<LinkedPair> {
  const plan = planOf(
    [['src', 'generator', o.source], ...o.consumer],
    [
      ['src', o.consumer[0]![0], o.edge],
      ...o.consumer.slice(1).map(([id], i) => [o.consumer[i]![0], id] as [string, string]),
    ],
  );
  const names = brokerNames(o.runId, 'e1');
  await createEdgeStream(jsm, names, o.edge.capacity, o.edge.overflow, { ackWaitMs: o.ackWaitMs });
  const spec = (role: BrokerEdgeSpec['role']): BrokerEdgeSpec => ({
    ...names,
    edgeId: 'e1',
    ...o.edge,
    role,
    publishers: 1,
  });
  const linkEdge = natsLinkEdge(nc, { ackWaitMs: o.ackWaitMs });
  const seen: Item[] = [];
  const sink = o.consumer[o.consumer.length - 1]![0];
  const consumer = startRun(
    partOf(
      plan,
      o.consumer.map(([id]) => id),
    ),
    {
      runId: `${o.runId}-c`,
      brokerEdges: [spec('consume')],
      linkEdge,
      clock: o.clock,
      probe: (id, items) => {
        if (id !== sink) return;
        if (o.probe) o.probe(items);
        else seen.push(...items);
      },
    },
  );
  const producer = startRun(partOf(plan, ['src']), {
    runId: `${o.runId}-p`,
    brokerEdges: [spec('publish')],
    linkEdge,
    clock: o.clock,
    onEdgeClosed: (edgeId) => consumer.upstreamClosed(edgeId),
  });
  return { producer, consumer, names, seen };
}

/** `until` for a yes/no check, what first: throws naming `what` after `ms` (a hang guard, not a speed claim). */
export async function untilTrue(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 20_000,
): Promise<void> {
  await until(check, Boolean, what, ms);
}
