import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { postJson } from '../test-helpers/start-app.js';
import { distributedGraph, startTestCluster, type TestCluster, until } from './test-cluster.js';

/*
 * What a broker edge loses is named in the run's totals and on the edge, as on a memory edge,
 * and a part that fails fails the run (the others are aborted, the streams deleted). Real
 * runners on a real nats-server, through the real app.
 */
let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster(['ra', 'rb']);
}, 120_000);
afterAll(() => c?.close());

async function runToEnd(graph: unknown) {
  const created = await postJson(`${c.app.url}/api/runs`, { graph });
  expect(created.status).toBe(201);
  const { runId, runToken } = created.body as { runId: string; runToken: string };
  const socket = await c.app.connect();
  const frames: TelemetryFrame[] = [];
  socket.on('run:telemetry', (f) => frames.push(f));
  await socket.emitWithAck('run:subscribe', { runId, token: runToken });
  const end = await until(
    () => c.info(runId, runToken),
    (r) => ['completed', 'stopped', 'failed'].includes(r.status),
    'the run to end',
    120_000,
  ).catch(async (err: Error) => {
    // A run that never ends: say which end of which edge still waits (once seen in CI, at load 5).
    throw new Error(`${err.message}\n${await stuck(runId, frames)}`);
  });
  return { end, frames };
}

/** What a run that did not end was waiting for: its streams and consumers, the last frame, the runners' log. */
async function stuck(runId: string, frames: TelemetryFrame[]): Promise<string> {
  const lines: string[] = [];
  for (const name of await c.streams()) {
    if (!name.includes(runId)) continue;
    const info = await c.cluster.jsm.streams.info(name);
    lines.push(`stream ${name}: ${JSON.stringify(info.state)}`);
    for await (const ci of c.cluster.jsm.consumers.list(name))
      lines.push(
        `  consumer ${ci.name}: pending ${ci.num_pending}, ack pending ${ci.num_ack_pending}, waiting ${ci.num_waiting}, redelivered ${ci.num_redelivered}`,
      );
  }
  const last = frames.at(-1);
  if (last) lines.push(`last frame: ${JSON.stringify({ nodes: last.nodes, edges: last.edges })}`);
  for (const r of c.runners)
    for (const l of r.logs) if (JSON.stringify(l).includes(runId)) lines.push(`runner: ${JSON.stringify(l)}`);
  return lines.join('\n');
}

/** Streams of this run JetStream still holds (an earlier run that never ended is not this one's). */
const streamsOf = async (runId: string) => (await c.streams()).filter((s) => s.includes(runId));

/** gen(1000/s, 1500) ──[e1 nats, cap 20, overflow]──▶ work ×2 (2 × 50/s) ──[e2]──▶ out */
const lossy = (overflow: string, work: Record<string, unknown> = { serviceTimeMs: 20 }) =>
  distributedGraph(
    [
      ['gen', 'generator', { rate: 1000, count: 1500 }],
      ['work', 'worker', work],
      ['out', 'counter'],
    ],
    [
      ['gen', 'work', { capacity: 20, overflow }],
      ['work', 'out'],
    ],
    { work: { replicas: 2 } },
  );

describe('losses on a broker edge', () => {
  for (const overflow of ['drop-newest', 'drop-oldest']) {
    it(`${overflow}: every item emitted is delivered or dropped on the edge, in the totals too`, async () => {
      const { end, frames } = await runToEnd(lossy(overflow));
      expect(end.status).toBe('completed');
      const t = end.totals;
      expect(t.emitted).toBe(1500);
      // The stage takes ≈ 100/s of 1000/s: most are dropped, and nothing else is lost.
      expect(t.dropped).toBeGreaterThan(500);
      expect(t.delivered + t.dropped).toBe(t.emitted);
      const e1 = frames.at(-1)!.edges.e1!;
      expect(e1).toMatchObject({ transport: 'nats', dropped: t.dropped, depth: 0 });
      // The broker never held more than the edge's capacity.
      for (const f of frames) expect(f.edges.e1!.depth).toBeLessThanOrEqual(20);
      expect(await streamsOf(end.runId)).toEqual([]);
    }, 180_000);
  }

  it('a part that fails fails the run naming the node, aborts the other parts, deletes the streams', async () => {
    const { end } = await runToEnd(lossy('block', { serviceTimeMs: 5, failureRate: 1 }));
    expect(end.status).toBe('failed');
    expect(end.error?.nodeId).toBe('work');
    expect(end.error?.message).toMatch(/^part "work#[01]" failed: /);
    expect(await streamsOf(end.runId)).toEqual([]);
    // Each part was started once: the aborted ones were not taken for lost and started again.
    const started = c.runners
      .flatMap((r) => r.logs)
      .filter((l) => l.msg === 'part started' && String(l.part).startsWith(`${end.runId}/`));
    expect(started.map((l) => l.part).sort()).toEqual([
      `${end.runId}/main`,
      `${end.runId}/work#0`,
      `${end.runId}/work#1`,
    ]);
    // Every runner gave its slot back.
    await until(
      () => c.cluster.registry.alive().map((r) => r.slotsInUse),
      (used) => used.every((n) => n === 0),
      'slots freed',
    );
  }, 180_000);
});
