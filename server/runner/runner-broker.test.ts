import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../shared/compiler/compile.js';
import { partitionPlan } from '../../shared/compiler/partition-plan.js';
import {
  type BrokerEdgeCounters,
  type PartEvent,
  runCommandSubject,
  runEventsSubject,
  runnerStartSubject,
  type StartPartReply,
} from '../../shared/protocol/cluster.js';
import { createEdgeStream, deleteRunStreams, streamState } from '../distributed/broker-streams.js';
import { type Cluster, connectCluster } from '../distributed/cluster.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { type RunnerProcess, startRunner } from '../test-helpers/runner-process.js';
import { until } from '../test-helpers/until.js';

/*
 * Two parts of one run on a real runner process, joined by a `nats` edge on a real JetStream
 * stream. The test plays the coordinator: it makes the stream, starts the parts, relays the
 * producer's edge-closed as upstream-closed, and deletes the stream at the end.
 */
let nats: TestNats;
let cluster: Cluster;
let runner: RunnerProcess;
beforeAll(async () => {
  nats = await startNats();
  cluster = await connectCluster(nats.url, { name: 'test-coordinator' });
  runner = await startRunner(nats.url, { SLUICE_RUNNER_ID: 'two-slots', SLUICE_RUNNER_SLOTS: '2' });
}, 90_000);
afterAll(async () => {
  await runner?.stop('SIGKILL');
  await cluster?.close();
  await nats?.stop();
});

describe('parts of one run on a runner, joined by a nats edge', () => {
  it('the producer part publishes every item, the consumer part delivers every one, the stream ends empty', async () => {
    //   part a: gen(2 000) ──[nats e1, cap 16, block]──▶ part b: work ──▶ out
    const runId = 'brokerrun1';
    const compiled = compileGraph(
      {
        schemaVersion: 1,
        name: 'two parts',
        nodes: [
          { id: 'gen', kind: 'generator', params: { rate: 4_000, count: 2_000 }, process: 'a' },
          { id: 'work', kind: 'worker', params: { serviceTimeMs: 0 }, process: 'b' },
          { id: 'out', kind: 'counter', params: {}, process: 'b' },
        ],
        edges: [
          { id: 'e1', source: 'gen', target: 'work', capacity: 16, overflow: 'block' },
          { id: 'e2', source: 'work', target: 'out' },
        ],
      },
      { natsConfigured: true },
    );
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    const parts = partitionPlan(compiled.plan, runId);
    expect(parts.map((p) => p.partId)).toEqual(['a', 'b']);
    const e1 = parts[0]!.brokerEdges[0]!;
    await createEdgeStream(cluster.jsm, e1, e1.capacity, e1.overflow, { ackWaitMs: 5_000 });

    const events: PartEvent[] = [];
    const sub = cluster.nc.subscribe(runEventsSubject(runId), {
      callback: (_err, m) => {
        if (m.data.length === 0) return; // a part's is-anyone-listening probe
        const e = m.json<PartEvent>();
        events.push(e);
        // As the coordinator does once every producer of the edge has closed (one here).
        if (e.type === 'edge-closed')
          cluster.nc.publish(
            runCommandSubject(runId),
            JSON.stringify({ type: 'upstream-closed', edgeId: e.edgeId }),
          );
      },
    });
    // Consumer first, so the producer's items find someone pulling.
    for (const part of [parts[1]!, parts[0]!]) {
      const start = { runId, part, telemetryHz: 10, ackWaitMs: 5_000 };
      const reply = await cluster.nc.request(runnerStartSubject('two-slots'), JSON.stringify(start), {
        timeout: 30_000,
      });
      expect(reply.json<StartPartReply>()).toEqual({ ok: true });
    }
    const dones = await until(
      () => events.filter((e) => e.type === 'done'),
      (d) => d.length === 2,
      'both parts done',
      60_000,
    );
    sub.unsubscribe();

    const doneOf = (partId: string) => dones.find((d) => d.partId === partId)!;
    expect(doneOf('a')).toMatchObject({ status: 'completed', totals: { emitted: 2_000 } });
    expect(doneOf('b')).toMatchObject({ status: 'completed', totals: { delivered: 2_000 } });
    expect(events).toContainEqual({ partId: 'a', runnerId: 'two-slots', type: 'edge-closed', edgeId: 'e1' });
    // Frames carry each side's broker counters for the edge.
    const counters = (partId: string) =>
      events
        .filter((e) => e.type === 'frame' && e.partId === partId)
        .map((e) => (e.type === 'frame' ? e.broker.e1 : undefined))
        .filter((c): c is BrokerEdgeCounters => c !== undefined);
    expect(Math.max(...counters('a').map((c) => c.published))).toBeGreaterThan(0);
    expect(Math.max(...counters('b').map((c) => c.acked))).toBeGreaterThan(0);
    expect(await streamState(cluster.jsm, e1)).toMatchObject({ messages: 0, ackPending: 0, lastSeq: 2_000 });
    expect(await deleteRunStreams(cluster.jsm, runId)).toEqual([e1.stream]);
  });
});
