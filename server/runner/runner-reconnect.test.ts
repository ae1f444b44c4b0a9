import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PartEvent,
  runCommandSubject,
  runEventsSubject,
  runnerStartSubject,
  type StartPartReply,
} from '../../shared/protocol/cluster.js';
import { type Cluster, connectCluster } from '../distributed/cluster.js';
import { planOf } from '../runtime/test-graphs.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { type RunnerProcess, startRunner } from '../test-helpers/runner-process.js';
import { until } from '../test-helpers/until.js';

/*
 * The NATS server goes away and comes back (same port): the runner and its part reconnect by
 * themselves, and heartbeats and frames resume — they are skipped, not piled up, meanwhile.
 */
let nats: TestNats;
let cluster: Cluster;
let runner: RunnerProcess;
beforeAll(async () => {
  nats = await startNats();
  cluster = await connectCluster(nats.url, { name: 'test-coordinator' });
  runner = await startRunner(nats.url, { SLUICE_RUNNER_ID: 'steadfast', SLUICE_RUNNER_SLOTS: '1' });
}, 90_000);
afterAll(async () => {
  await runner?.stop('SIGKILL');
  await cluster?.close();
  await nats?.stop();
});

describe('a runner across a NATS restart', () => {
  it('keeps its part running and resumes heartbeats and frames once NATS is back', async () => {
    const runId = 'through-restart';
    const events: PartEvent[] = [];
    cluster.nc.subscribe(runEventsSubject(runId), {
      callback: (_e, m) => {
        if (m.data.length === 0) return; // a part's is-anyone-listening probe
        events.push(m.json<PartEvent>());
      },
    });
    const plan = planOf(
      [
        ['src', 'generator', { rate: 500 }],
        ['out', 'counter'],
      ],
      [['src', 'out']],
    );
    const start = {
      runId,
      part: { partId: 'main', process: 'main', replica: 0, replicaCount: 1, plan, brokerEdges: [] },
      telemetryHz: 10,
      ackWaitMs: 5_000,
    };
    const reply = await cluster.nc.request(runnerStartSubject('steadfast'), JSON.stringify(start), {
      timeout: 30_000,
    });
    expect(reply.json<StartPartReply>()).toEqual({ ok: true });
    const frames = () => events.filter((e) => e.type === 'frame');
    await until(frames, (f) => f.length > 0, 'a first frame');

    await nats.restart();
    const seenBefore = events.length;
    const emittedAt = (e: PartEvent | undefined) => (e?.type === 'frame' ? e.totals.emitted : 0);
    const before = emittedAt(frames().at(-1));
    // Everyone reconnects (the client retries every second): the runner beats, the part sends frames.
    await until(
      () => events.length,
      (n) => n > seenBefore + 3,
      'frames after the restart',
    );
    await until(() => cluster.registry.isAlive('steadfast'), Boolean, 'the runner alive');
    expect(cluster.registry.alive().find((r) => r.id === 'steadfast')?.parts).toEqual([`${runId}/main`]);
    expect(emittedAt(frames().at(-1))).toBeGreaterThan(before);

    cluster.nc.publish(runCommandSubject(runId), JSON.stringify({ type: 'stop', mode: 'abort' }));
    const done = await until(() => events.find((e) => e.type === 'done'), Boolean, 'done');
    expect(done).toMatchObject({ status: 'stopped' });
  });

  it('a part whose coordinator is gone (no one listening to its run) stops itself', async () => {
    const orphaned = await startRunner(nats.url, {
      SLUICE_RUNNER_ID: 'orphan-host',
      SLUICE_ORPHAN_PART_MS: '1500',
    });
    try {
      const runId = 'orphaned';
      const coordinator = cluster.nc.subscribe(runEventsSubject(runId), { callback: () => {} });
      const start = {
        runId,
        part: {
          partId: 'main',
          process: 'main',
          replica: 0,
          replicaCount: 1,
          plan: planOf(
            [
              ['src', 'generator', { rate: 200 }],
              ['out', 'counter'],
            ],
            [['src', 'out']],
          ),
          brokerEdges: [],
        },
        telemetryHz: 10,
        ackWaitMs: 5_000,
      };
      const reply = await cluster.nc.request(runnerStartSubject('orphan-host'), JSON.stringify(start), {
        timeout: 30_000,
      });
      expect(reply.json<StartPartReply>()).toEqual({ ok: true });
      // Listened to for a while (several probes answered by a listener): it keeps running.
      await new Promise((r) => setTimeout(r, 2_500));
      expect(orphaned.logs.some((l) => l.msg === 'part ended')).toBe(false);
      // The coordinator goes away without a word, as a killed server does.
      coordinator.unsubscribe();
      const ended = await until(
        () => orphaned.logs.find((l) => l.msg === 'part ended'),
        Boolean,
        'the part to stop itself',
      );
      expect(ended).toMatchObject({
        part: `${runId}/main`,
        status: 'stopped',
        reason: `no coordinator listened to run ${runId} for 1.5 s (its server is gone)`,
      });
    } finally {
      await orphaned.stop('SIGKILL');
    }
  });
});
