import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';
import { until } from './test-helpers/until.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});
beforeEach(async () => {
  app = await startTestApp();
});

async function start(graph: unknown) {
  const res = await sendJson('POST', `${app.url}/api/runs`, { graph });
  expect(res.status).toBe(201);
  return {
    runId: res.body.runId as string,
    auth: { authorization: `Bearer ${res.body.runToken as string}` },
  };
}

describe('edge expireMs through the API', () => {
  it('a graph edge with expireMs expires items in the running worker thread; a live edit turns it off', async () => {
    //   src(2000/s) ──[e1: 64, expireMs 5]──▶ work(2 ms) ──▶ out: e1 holds items ~128 ms
    const graph = structuredClone(slowConsumerGraph) as typeof slowConsumerGraph & {
      edges: Array<Record<string, unknown>>;
    };
    graph.edges[0]!.expireMs = 5;
    const { runId, auth } = await start(graph);
    const frame = () => app.runs.get(runId)!.latestFrame() as TelemetryFrame | null;
    await until(frame, (f) => (f?.edges.e1?.expired ?? 0) > 100, 'items to expire on e1');
    expect(frame()!.totals!.expired).toBeGreaterThan(100);
    const off = await sendJson(
      'PATCH',
      `${app.url}/api/runs/${runId}/params`,
      { edges: { e1: { expireMs: null } } },
      auth,
    );
    expect(off.status).toBe(200);
    expect((off.body as { applied: { edges: Record<string, unknown> } }).applied.edges.e1).toEqual({
      capacity: 64,
      overflow: 'block',
    });
    // Off: the count stops growing once the edit has reached the run (the command goes to the
    // worker before any later frame comes back, so two frames on it says it arrived).
    const s0 = frame()!.seq;
    const settled = await until(frame, (f) => f!.seq >= s0 + 2, 'two frames after the edit');
    const later = await until(frame, (f) => f!.seq >= s0 + 12, 'ten more frames');
    expect(later!.edges.e1!.expired).toBe(settled!.edges.e1!.expired);
    const on = await sendJson(
      'PATCH',
      `${app.url}/api/runs/${runId}/params`,
      { edges: { e1: { expireMs: 7 } } },
      auth,
    );
    expect((on.body as { applied: { edges: Record<string, unknown> } }).applied.edges.e1).toEqual({
      capacity: 64,
      overflow: 'block',
      expireMs: 7,
    });
  });

  it('refuses a bad expireMs with a 400 naming the field, at start and live', async () => {
    const graph = structuredClone(slowConsumerGraph) as typeof slowConsumerGraph & {
      edges: Array<Record<string, unknown>>;
    };
    graph.edges[0]!.expireMs = -3;
    const bad = await sendJson('POST', `${app.url}/api/runs`, { graph });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('expireMs');
    const { runId, auth } = await start(slowConsumerGraph);
    const live = await sendJson(
      'PATCH',
      `${app.url}/api/runs/${runId}/params`,
      { edges: { e1: { expireMs: 0 } } },
      auth,
    );
    expect(live.status).toBe(400);
    expect(JSON.stringify(live.body)).toContain('expireMs');
  });
});
