import { afterEach, describe, expect, it } from 'vitest';
import { realClock } from './runtime/clock.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

/**
 * maxGeneratorRate holds however a rate reaches a run: the graph it starts from (`rate: null`,
 * the step pattern's 10× peak, a log replay) and live edits of a running one.
 *
 *   src (generator | log-replay) ──e1──▶ work (worker) ──e2──▶ out (counter)
 */
let app: TestApp;
afterEach(async () => {
  await app.close();
});

const LIMIT = 1000;
const withSource = (kind: string, params: Record<string, unknown>) => {
  const graph = structuredClone(slowConsumerGraph);
  Object.assign(graph.nodes[0]!, { kind, params });
  return graph;
};
const startRun = (graph: unknown) => sendJson('POST', `${app.url}/api/runs`, { graph });

describe('maxGeneratorRate when a run starts', () => {
  it('refuses rate null (unlimited) when the limit is below the schema maximum, naming node and field', async () => {
    // ARRANGE
    app = await startTestApp({ maxGeneratorRate: LIMIT }, { clock: realClock });
    // ACT
    const res = await startRun(withSource('generator', { rate: null, count: 10 }));
    // ASSERT
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'limit_exceeded',
      message: expect.stringContaining('maxGeneratorRate'),
    });
    expect(res.body.issues).toEqual([
      expect.objectContaining({
        path: 'nodes.0.params.rate',
        nodeId: 'src',
        message: expect.stringContaining('null'),
      }),
    ]);
  });

  it('lets rate null run under the default limit (the schema maximum)', async () => {
    app = await startTestApp({}, { clock: realClock });
    const res = await startRun(withSource('generator', { rate: null, count: 10 }));
    expect(res.status).toBe(201);
  });

  it('counts the step pattern at its 10× peak', async () => {
    app = await startTestApp({ maxGeneratorRate: LIMIT }, { clock: realClock });
    const over = await startRun(withSource('generator', { rate: 200, pattern: 'step' }));
    expect(over.status).toBe(400);
    expect(over.body.error).toBe('limit_exceeded');
    expect(over.body.issues).toEqual([
      expect.objectContaining({
        path: 'nodes.0.params.pattern',
        nodeId: 'src',
        message: expect.stringContaining('2000'),
      }),
    ]);
    expect((await startRun(withSource('generator', { rate: 100, pattern: 'step' }))).status).toBe(201);
  });

  it('covers log-replay, whose rate is items/s too', async () => {
    app = await startTestApp({ maxGeneratorRate: LIMIT }, { clock: realClock });
    const fast = await startRun(withSource('log-replay', { rate: 5000 }));
    expect(fast.status).toBe(400);
    expect(fast.body.issues).toEqual([
      expect.objectContaining({ path: 'nodes.0.params.rate', nodeId: 'src' }),
    ]);
    expect((await startRun(withSource('log-replay', { rate: null }))).status).toBe(400);
    expect((await startRun(withSource('log-replay', { rate: 50 }))).status).toBe(201);
  });
});

describe('maxGeneratorRate on live edits', () => {
  it('refuses a live rate, null or step pattern beyond the limit, and keeps the params in effect', async () => {
    // ARRANGE: a run within the limit
    app = await startTestApp({ maxGeneratorRate: LIMIT }, { clock: realClock });
    const { body } = await startRun(withSource('generator', { rate: 500 }));
    const patch = (params: Record<string, unknown>) =>
      sendJson(
        'PATCH',
        `${app.url}/api/runs/${body.runId}/params`,
        { nodes: { src: params } },
        { authorization: `Bearer ${body.runToken as string}` },
      );

    // ACT + ASSERT: every way past the limit is refused with the node and field named
    const fast = await patch({ rate: 900_000 });
    expect(fast.status).toBe(400);
    expect(fast.body).toMatchObject({
      error: 'limit_exceeded',
      message: expect.stringContaining('maxGeneratorRate'),
    });
    expect(fast.body.issues).toEqual([expect.objectContaining({ path: 'nodes.src.rate', nodeId: 'src' })]);
    const unlimited = await patch({ rate: null });
    expect(unlimited.status).toBe(400);
    expect(unlimited.body.issues).toEqual([
      expect.objectContaining({ path: 'nodes.src.rate', nodeId: 'src' }),
    ]);
    const step = await patch({ pattern: 'step' });
    expect(step.status).toBe(400);
    expect(step.body.issues).toEqual([expect.objectContaining({ path: 'nodes.src.pattern', nodeId: 'src' })]);

    // Nothing refused took effect: a step at 100/s (peak 1,000/s) is now within the limit.
    const ok = await patch({ rate: 100, pattern: 'step' });
    expect(ok.status).toBe(200);
    expect(ok.body.applied).toMatchObject({ nodes: { src: { rate: 100, pattern: 'step' } } });
    expect((await patch({ rate: 101 })).status).toBe(400);
  });
});
