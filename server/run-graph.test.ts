import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});

describe('GET /api/runs/:id carries the graph the run executes', () => {
  it('returns the started document, so a watch page can draw it', async () => {
    // ARRANGE
    app = await startTestApp();
    const started = await sendJson('POST', `${app.url}/api/runs`, { graph: slowConsumerGraph });
    const runId = started.body.runId as string;
    // With run ownership the read needs the run's token; without it, none is sent.
    const token = started.body.runToken as string | undefined;
    const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

    // ACT
    const info = await sendJson('GET', `${app.url}/api/runs/${runId}`, undefined, auth);
    await sendJson('POST', `${app.url}/api/runs/${runId}/stop`, { mode: 'abort' }, auth);

    // ASSERT
    expect(info.status).toBe(200);
    const graph = info.body.graph as { nodes: { id: string; position: unknown }[]; edges: { id: string }[] };
    expect(graph.nodes.map((n) => n.id)).toEqual(slowConsumerGraph.nodes.map((n) => n.id));
    expect(graph.nodes[0]?.position).toEqual(slowConsumerGraph.nodes[0]?.position);
    expect(graph.edges.map((e) => e.id)).toEqual((slowConsumerGraph.edges ?? []).map((e) => e.id));
  });
});
