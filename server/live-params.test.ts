import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
let runId: string;
let auth: Record<string, string>;
beforeEach(async () => {
  app = await startTestApp();
  const res = await sendJson('POST', `${app.url}/api/runs`, { graph: slowConsumerGraph });
  runId = res.body.runId as string;
  auth = { authorization: `Bearer ${res.body.runToken as string}` };
});
afterEach(async () => {
  await app.close();
});

const patch = (body: unknown, id = runId) =>
  sendJson('PATCH', `${app.url}/api/runs/${id}/params`, body, auth);

async function frameWhere(pred: (f: TelemetryFrame) => boolean): Promise<TelemetryFrame> {
  let match: TelemetryFrame | undefined;
  await vi.waitFor(
    () => {
      const f = app.runs.get(runId)!.latestFrame();
      expect(f && pred(f)).toBe(true);
      match = f!;
    },
    { timeout: 10_000, interval: 50 },
  );
  return match!;
}

describe('PATCH /api/runs/:runId/params', () => {
  it('applies node params and edge settings to the running run and answers what is now in effect', async () => {
    await frameWhere((f) => f.edges.e1?.depth === 64);
    const res = await patch({
      nodes: { work: { serviceTimeMs: 1, concurrency: 2 } },
      edges: { e1: { capacity: 8 }, e2: { overflow: 'drop-newest' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.applied).toMatchObject({
      nodes: { work: { serviceTimeMs: 1, concurrency: 2, distribution: 'constant', failureRate: 0 } },
      edges: { e1: { capacity: 8, overflow: 'block' }, e2: { capacity: 64, overflow: 'drop-newest' } },
    });
    // 2 workers at 1 ms: the sink now takes ≈2,000/s (the source's rate) instead of 500/s.
    const f = await frameWhere((fr) => fr.edges.e1!.capacity === 8 && fr.nodes.out!.inRate > 1500);
    expect(f.edges.e1!.depth).toBeLessThanOrEqual(8);
    // The next edit validates against the params now in effect (concurrency stays 2).
    const next = await patch({ nodes: { work: { serviceTimeMs: 3 } } });
    expect(next.body.applied).toMatchObject({ nodes: { work: { serviceTimeMs: 3, concurrency: 2 } } });
  });

  it('is all-or-nothing: one bad entry rejects the whole patch with every issue located', async () => {
    await frameWhere((f) => f.edges.e1?.depth === 64);
    const res = await patch({
      nodes: { work: { serviceTimeMs: -1 }, src: { loop: 'open' }, ghost: { rate: 1 }, out: { nope: 1 } },
      edges: { e1: { capacity: 4 }, e9: { capacity: 4 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_params');
    const issues = res.body.issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path).sort()).toEqual(
      ['edges.e9', 'nodes.ghost', 'nodes.out.nope', 'nodes.src.loop', 'nodes.work.serviceTimeMs'].sort(),
    );
    expect(issues.find((i) => i.path === 'nodes.src.loop')!.message).toContain('cannot change while running');
    // e1 was valid but must not have changed.
    await new Promise((r) => setTimeout(r, 400));
    expect(app.runs.get(runId)!.latestFrame()!.edges.e1!.capacity).toBe(64);
  });

  it('validates edge values by the schema, 404s an unknown run and 409s a finished one', async () => {
    expect((await patch({ edges: { e1: { capacity: 1_000_001 } } })).status).toBe(400);
    expect((await patch({ edges: { e1: { capacity: 1.5 } } })).status).toBe(400);
    expect((await patch({ edges: { e1: { overflow: 'sometimes' } } })).status).toBe(400);
    expect((await patch({ nodes: {} }, 'missing')).status).toBe(404);
    await sendJson('POST', `${app.url}/api/runs/${runId}/stop`, { mode: 'abort' }, auth);
    await app.runs.get(runId)!.done;
    expect((await patch({ edges: { e1: { capacity: 4 } } })).status).toBe(409);
  });
});
