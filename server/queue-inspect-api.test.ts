import { afterEach, describe, expect, it } from 'vitest';
import type { EmptyQueueResponse, QueueListing, TapMessage } from '../shared/protocol/queue-inspect.js';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';
import {
  sendJson,
  slowConsumerGraph,
  startRunOn,
  startTestApp,
  type TestApp,
} from './test-helpers/start-app.js';
import { until } from './test-helpers/until.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** src(2000/s) ──[e1: `capacity`, block]──▶ work(2 ms) ──▶ out: e1 fills and stays full. */
function graphWith(capacity: number) {
  const g = structuredClone(slowConsumerGraph);
  g.edges[0]!.capacity = capacity;
  return g;
}

describe('inside a queue over the API (issue 20)', () => {
  it('lists the first and last 100 items waiting, head first with their age, to a watch token', async () => {
    app = await startTestApp();
    const run = await startRunOn(app.url, graphWith(1000));
    const frame = () => app!.runs.get(run.runId)!.latestFrame() as TelemetryFrame | null;
    await until(frame, (f) => f?.edges.e1?.depth === 1000, 'e1 to fill');
    // ACT
    const res = await sendJson('GET', `${app.url}/api/runs/${run.runId}/edges/e1/items`, undefined, {
      authorization: `Bearer ${run.watchToken}`,
    });
    // ASSERT
    expect(res.status).toBe(200);
    const listing = res.body as unknown as QueueListing;
    expect(listing.edgeId).toBe('e1');
    expect(listing.capacity).toBe(1000);
    expect(listing.depth).toBeGreaterThan(900); // the worker takes a batch at a time
    expect(listing.items).toHaveLength(200);
    const positions = listing.items.map((i) => i.position);
    expect(positions.slice(0, 100)).toEqual([...Array(100).keys()]);
    expect(positions.slice(100)).toEqual([...Array(100).keys()].map((k) => listing.depth - 100 + k));
    // Head first: the head waited longest, ages never grow toward the tail.
    for (let k = 1; k < 200; k++)
      expect(listing.items[k]!.ageMs).toBeLessThanOrEqual(listing.items[k - 1]!.ageMs);
    expect(listing.items[0]!.ageMs).toBeGreaterThan(listing.items[199]!.ageMs);
    // Generator items carry increasing ids: FIFO order is visible.
    const ids = listing.items.map((i) => (i.item as { id: number }).id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('empties a queue to the run token only: counted as emptied, totals still balance, producers wake', async () => {
    app = await startTestApp();
    const run = await startRunOn(app.url, graphWith(500));
    const frame = () => app!.runs.get(run.runId)!.latestFrame() as TelemetryFrame | null;
    await until(frame, (f) => f?.edges.e1?.depth === 500, 'e1 to fill');
    const url = `${app.url}/api/runs/${run.runId}/edges/e1/empty`;
    const watch = await sendJson('POST', url, {}, { authorization: `Bearer ${run.watchToken}` });
    expect(watch.status).toBe(403);
    // ACT
    const res = await sendJson('POST', url, {}, run.auth);
    // ASSERT
    expect(res.status).toBe(200);
    const { removed } = res.body as unknown as EmptyQueueResponse;
    expect(removed).toBeGreaterThan(400); // the worker takes a batch at a time
    const f = await until(
      frame,
      (fr) => fr?.edges.e1?.emptied === removed,
      'the frame to count the emptied items',
    );
    expect(f!.totals!.emptied).toBe(removed);
    // The blocked source woke up: the queue fills again (no take would ever wake it otherwise).
    await until(frame, (fr) => fr?.edges.e1?.depth === 500, 'e1 to fill again');
    await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'drain' }, run.auth);
    const end = await until(
      () => sendJson('GET', `${app!.url}/api/runs/${run.runId}`, undefined, run.auth),
      (r) => r.body.status === 'completed',
      'the run to drain',
    );
    const t = end.body.totals as Record<string, number>;
    expect(t.emptied).toBe(removed);
    expect(t.emitted).toBe(t.delivered! + t.dropped! + t.emptied!);
    const after = await sendJson('POST', url, {}, run.auth);
    expect(after.status).toBe(409);
  });

  it('answers 404 for an unknown edge and 400 naming the field for a bad tap body', async () => {
    app = await startTestApp();
    const run = await startRunOn(app.url, slowConsumerGraph);
    const items = await sendJson(
      'GET',
      `${app.url}/api/runs/${run.runId}/edges/nope/items`,
      undefined,
      run.auth,
    );
    expect(items.status).toBe(404);
    expect(JSON.stringify(items.body)).toContain('nope');
    const tap = await sendJson(
      'POST',
      `${app.url}/api/runs/${run.runId}/edges/e1/tap`,
      { on: 'yes' },
      run.auth,
    );
    expect(tap.status).toBe(400);
    expect(JSON.stringify(tap.body)).toContain('on');
  });

  it('a tap sends sampled items to subscribed sockets, bounded per message, the rest counted; at most 4 taps', async () => {
    //   src(2000/s) ──e1──▶ work ──e2──▶ out: e2 carries 500/s, far above the tap's 20/s
    app = await startTestApp();
    const run = await startRunOn(app.url, slowConsumerGraph);
    const socket = await app.connect();
    const messages: TapMessage[] = [];
    socket.on('run:tap', (m) => messages.push(m));
    expect(
      await socket.emitWithAck('run:subscribe', { runId: run.runId, token: run.watchToken }),
    ).toMatchObject({
      ok: true,
    });
    const watch = { authorization: `Bearer ${run.watchToken}` };
    const tapUrl = (edge: string) => `${app!.url}/api/runs/${run.runId}/edges/${edge}/tap`;
    // ACT
    const on = await sendJson('POST', tapUrl('e2'), { on: true }, watch);
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ on: true, taps: ['e2'] });
    await until(
      () => messages.reduce((n, m) => n + m.items.length, 0),
      (n) => n >= 40,
      '40 sampled items',
    );
    // ASSERT: one second's bucket at most per message, and the unsampled rest is counted
    for (const m of messages) {
      expect(m.edgeId).toBe('e2');
      expect(m.items.length).toBeLessThanOrEqual(20);
    }
    expect(messages.reduce((n, m) => n + m.sampledOut, 0)).toBeGreaterThan(0);
    // 20/s on the run's own clock: the items' run times span at least (n − 20) / 20 s.
    const ts = messages.flatMap((m) => m.items.map((i) => i.t));
    expect(ts.at(-1)! - ts[0]!).toBeGreaterThanOrEqual(((ts.length - 20) / 20) * 1000 - 1);
    const ids = messages.flatMap((m) => m.items.map((i) => (i.item as { id: number }).id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    // Off: no more messages once the answer is back and the last flush has arrived.
    const off = await sendJson('POST', tapUrl('e2'), { on: false }, watch);
    expect(off.body).toEqual({ on: false, taps: [] });
    // Four taps at most (the same edge again does not count twice).
    const graph = structuredClone(slowConsumerGraph);
    graph.nodes.push(
      ...['a', 'b', 'c'].map((id, i) => ({
        id,
        kind: 'counter',
        position: { x: 0, y: 100 * i },
        params: {},
      })),
    );
    graph.edges.push(
      ...['a', 'b', 'c'].map((id) => ({
        id: `to-${id}`,
        source: 'src',
        sourcePort: 'out',
        target: id,
        targetPort: 'in',
        capacity: 64,
        overflow: 'block',
      })),
    );
    const wide = await startRunOn(app.url, graph);
    const wideTap = (edge: string, on: boolean) =>
      sendJson('POST', `${app!.url}/api/runs/${wide.runId}/edges/${edge}/tap`, { on }, wide.auth);
    for (const e of ['e1', 'e2', 'to-a', 'to-b', 'e1']) expect((await wideTap(e, true)).status).toBe(200);
    const fifth = await wideTap('to-c', true);
    expect(fifth.status).toBe(429);
    expect(JSON.stringify(fifth.body)).toMatch(/turn one off/);
    expect((await wideTap('e1', false)).status).toBe(200);
    expect((await wideTap('to-c', true)).status).toBe(200);
  });
});
