import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../shared/protocol/api.js';
import { graphOf } from './test-helpers/graph-of.js';
import { sendJson, startRunOn, startTestApp, type TestApp } from './test-helpers/start-app.js';
import { until } from './test-helpers/until.js';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  await app.close();
});

const chain = (edge2: Record<string, unknown> = {}, src: Record<string, unknown> = { rate: 2000 }) =>
  graphOf(
    [
      ['src', 'generator', src],
      ['m', 'map', { expression: 'value * 2' }],
      ['f', 'filter', { expression: 'id % 2 == 0' }],
      ['k', 'counter'],
    ],
    [
      ['src', 'm'],
      ['m', 'f', edge2],
      ['f', 'k'],
    ],
  );

describe('fused edges through the API (issue 21)', () => {
  it('the run option fuses every fusable edge; frames say so; a live capacity edit there is a 400 naming the edge', async () => {
    const run = await startRunOn(app.url, chain({ fuse: false }), { fuse: true });
    const frame = await until(
      () => app.runs.get(run.runId)!.latestFrame(),
      (f) => (f?.edges.e3?.inRate ?? 0) > 0,
      'a frame with items crossing e3',
    );
    // e1 leaves a generator with a rate (not fusable); e2 opts out; e3 (filter → counter) runs fused.
    expect([frame!.edges.e1!.fused, frame!.edges.e2!.fused, frame!.edges.e3!.fused]).toEqual([
      undefined,
      undefined,
      true,
    ]);
    expect(frame!.edges.e3).toMatchObject({ depth: 0, blockedRatio: 0 });
    const patch = (body: unknown) =>
      sendJson('PATCH', `${app.url}/api/runs/${run.runId}/params`, body, run.auth);
    const refused = await patch({ edges: { e3: { capacity: 8 } } });
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as ApiError).issues![0]).toMatchObject({
      path: 'edges.e3.capacity',
      edgeId: 'e3',
    });
    expect(refused.body.message).toMatch(/edge "e3" runs fused .*no queue/);
    // Edges with a queue still take live edits.
    expect((await patch({ edges: { e2: { capacity: 8 } } })).status).toBe(200);
  });

  it('a generator with rate null heads a fused chain; its rate and the fused edge refuse live edits', async () => {
    const run = await startRunOn(app.url, chain({}, { rate: null }), { fuse: true });
    const frame = await until(
      () => app.runs.get(run.runId)!.latestFrame(),
      (f) => (f?.edges.e1?.inRate ?? 0) > 0,
      'a frame with items crossing e1',
    );
    expect([frame!.edges.e1!.fused, frame!.edges.e2!.fused, frame!.edges.e3!.fused]).toEqual([
      true,
      true,
      true,
    ]);
    expect(frame!.edges.e1).toMatchObject({ depth: 0, blockedRatio: 0 });
    const patch = (body: unknown) =>
      sendJson('PATCH', `${app.url}/api/runs/${run.runId}/params`, body, run.auth);
    const capacity = await patch({ edges: { e1: { capacity: 8 } } });
    expect(capacity.status).toBe(400);
    expect(capacity.body.message).toMatch(/edge "e1" runs fused .*no queue/);
    // A rate would make the source a timed one, which keeps its queue: refused, the run unchanged.
    const rate = await patch({ nodes: { src: { rate: 100 } } });
    expect(rate.status).toBe(400);
    expect((rate.body as unknown as ApiError).issues![0]).toMatchObject({
      path: 'nodes.src.rate',
      nodeId: 'src',
    });
    expect(rate.body.message).toMatch(/node "src" heads fused edge "e1".*with a rate/);
    // What keeps it fusable still goes through.
    expect((await patch({ nodes: { src: { pattern: 'burst' } } })).status).toBe(200);
  });

  it('an edge asking to fuse that cannot is a compile error naming it, not a 500', async () => {
    const res = await sendJson('POST', `${app.url}/api/runs`, {
      graph: graphOf(
        [
          ['src', 'generator', { rate: 10 }],
          ['k', 'counter'],
        ],
        [['src', 'k', { fuse: true }]],
      ),
    });
    expect(res.status).toBe(400);
    const issue = (res.body as unknown as ApiError).issues![0]!;
    expect(issue).toMatchObject({ path: 'edges.0.fuse', edgeId: 'e1' });
    expect(issue.message).toMatch(/"src" is a generator/);
  });
});
