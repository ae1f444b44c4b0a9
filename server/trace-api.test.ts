import { afterEach, describe, expect, it } from 'vitest';
import type { DroppedItem, TraceDetail, TraceMessage } from '../shared/protocol/trace.js';
import { graphOf } from './test-helpers/graph-of.js';
import {
  sendJson,
  slowConsumerGraph,
  startRunOn,
  startTestApp,
  type TestApp,
} from './test-helpers/start-app.js';
import { until } from './test-helpers/until.js';

let app: TestApp;
const watchOf = (run: { watchToken: string }) => ({ authorization: `Bearer ${run.watchToken}` });
afterEach(async () => {
  await app?.close();
});

describe('following items over the API (issue 18)', () => {
  it('a trace through the worker-thread run reaches a subscribed socket, and GET returns it', async () => {
    //   src(2 000/s) ──[e1: 64]──▶ work(2 ms) ──[e2]──▶ out      (RunManager default: its own thread)
    // ARRANGE: a watcher (watch token: following is a read-only act)
    app = await startTestApp();
    const run = await startRunOn(app.url, slowConsumerGraph);
    const socket = await app.connect();
    const messages: TraceMessage[] = [];
    socket.on('run:trace', (m) => messages.push(m));
    expect(
      await socket.emitWithAck('run:subscribe', { runId: run.runId, token: run.watchToken }),
    ).toMatchObject({
      ok: true,
    });
    const watch = { authorization: `Bearer ${run.watchToken}` };
    // ACT
    const res = await sendJson(
      'POST',
      `${app.url}/api/runs/${run.runId}/trace`,
      { nodeId: 'src', count: 2 },
      watch,
    );
    // ASSERT
    expect(res.status).toBe(201);
    const traceIds = res.body.traceIds as string[];
    expect(traceIds).toHaveLength(2);
    const first = traceIds[0]!;
    await until(
      () => messages.filter((m) => m.traceId === first),
      (ms) => ms.some((m) => m.done),
      'the first trace to finish over the socket',
    );
    const hops = messages.filter((m) => m.traceId === first).flatMap((m) => m.hops);
    expect(hops.map((h) => h.event)).toEqual([
      'enqueued',
      'dequeued',
      'started',
      'finished',
      'enqueued',
      'dequeued',
      'delivered',
    ]);
    expect(messages.find((m) => m.traceId === first)!.nodeId).toBe('src');
    const detail = await sendJson(
      'GET',
      `${app.url}/api/runs/${run.runId}/traces/${first}`,
      undefined,
      watch,
    );
    expect(detail.status).toBe(200);
    expect(detail.body as unknown as TraceDetail).toEqual({
      traceId: first,
      nodeId: 'src',
      hops,
      done: true,
    });
    // An unknown trace is a 404.
    const unknown = await sendJson('GET', `${app.url}/api/runs/${run.runId}/traces/nope`, undefined, watch);
    expect(unknown.status).toBe(404);
  });

  it('bad requests are 400s naming the field; past 20 live traces, 429 with what to do', async () => {
    // A source so slow that asked-for traces stay live.
    app = await startTestApp();
    const run = await startRunOn(
      app.url,
      graphOf(
        [
          ['src', 'generator', { rate: 0.1 }],
          ['out', 'counter'],
        ],
        [['src', 'out']],
      ),
    );
    const post = (body: unknown, auth = run.auth) =>
      sendJson('POST', `${app.url}/api/runs/${run.runId}/trace`, body, auth);
    const unknownNode = await post({ nodeId: 'nope', count: 1 });
    expect(unknownNode.status).toBe(400);
    expect(unknownNode.body.issues).toEqual([expect.objectContaining({ path: 'nodeId' })]);
    for (const [body, path] of [
      [{ nodeId: 'src', count: 0 }, 'count'],
      [{ nodeId: 'src', count: 21 }, 'count'],
      [{ nodeId: 'src', every: 5 }, 'every'],
      [{ nodeId: 'src' }, 'count'],
      [{ nodeId: 'src', count: 2, every: 10 }, 'count'],
    ] as const) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.body.issues as Array<{ path: string }>).map((i) => i.path)).toContain(path);
    }
    expect((await post({ nodeId: 'src', count: 1 }, {})).status).toBe(401);
    expect((await post({ nodeId: 'src', count: 15 })).status).toBe(201);
    const tooMany = await post({ nodeId: 'src', count: 6 });
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.message).toMatch(/15 traces are live.*wait for the followed items/);
    expect(tooMany.headers.get('retry-after')).toBeTruthy();
    expect((await post({ nodeId: 'src', count: 5 })).status).toBe(201);
  });

  it('an edge drop ledger keeps the newest 100 dropped items, shortened for display', async () => {
    //   src(∞, 5 000 items, 4 KB payloads) ──[e1: 4, drop-newest]──▶ slow(5 ms) ──▶ out
    app = await startTestApp();
    const run = await startRunOn(
      app.url,
      graphOf(
        [
          ['src', 'generator', { rate: 20_000, count: 5_000, payloadBytes: 4096 }],
          ['slow', 'worker', { serviceTimeMs: 5 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'slow', { capacity: 4, overflow: 'drop-newest' }],
          ['slow', 'out'],
        ],
      ),
    );
    const read = () =>
      sendJson('GET', `${app.url}/api/runs/${run.runId}/edges/e1/drops`, undefined, run.auth).then(
        (r) => r.body.drops as DroppedItem[],
      );
    const drops = await until(read, (d) => d.length === 100, '100 drops in the ledger');
    expect(drops.every((d) => d.policy === 'drop-newest' && d.depth === 4)).toBe(true);
    const ids = drops.map((d) => (d.item as { id: number }).id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b)); // oldest first
    expect(drops[0]!.item).toHaveProperty('_truncated');
    expect(
      (await sendJson('GET', `${app.url}/api/runs/${run.runId}/edges/nope/drops`, undefined, run.auth))
        .status,
    ).toBe(404);

    // Once the run's thread has ended, its ledgers are still read (kept on the main thread).
    await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
    await app.runs.get(run.runId)!.done;
    const after = await sendJson(
      'GET',
      `${app.url}/api/runs/${run.runId}/edges/e1/drops`,
      undefined,
      watchOf(run),
    );
    expect(after.status).toBe(200);
    const kept = after.body.drops as DroppedItem[];
    expect(kept).toHaveLength(100);
    expect(kept.every((d) => d.policy === 'drop-newest' && d.depth === 4)).toBe(true);
    const keptIds = kept.map((d) => (d.item as { id: number }).id);
    expect(keptIds).toEqual([...keptIds].sort((a, b) => a - b));
    expect(keptIds[0]).toBeGreaterThanOrEqual(ids[0]!);
    // An edge that dropped nothing has an empty ledger, not a 409.
    const quiet = await sendJson(
      'GET',
      `${app.url}/api/runs/${run.runId}/edges/e2/drops`,
      undefined,
      run.auth,
    );
    expect(quiet.status).toBe(200);
    expect(quiet.body.drops).toEqual([]);
  });
});
