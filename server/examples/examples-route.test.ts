import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { examplesResponseSchema } from '../../shared/examples/example-schema.js';
import { EXAMPLES } from '../../shared/examples/gallery.js';
import { realClock } from '../runtime/clock.js';
import { sendJson, startTestApp, type TestApp } from '../test-helpers/start-app.js';

let app: TestApp;
beforeEach(async () => {
  // Runs in this thread (given a clock): each example is started and stopped at once.
  app = await startTestApp({ maxConcurrentRuns: 2 }, { clock: realClock });
});
afterEach(async () => {
  await app.close();
});

describe('GET /api/examples', () => {
  it('serves the gallery in the contract’s shape: { examples: [{ id, title, summary, lesson, graph }] }', async () => {
    const res = await fetch(`${app.url}/api/examples`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(examplesResponseSchema.safeParse(body).error).toBeUndefined();
    expect(body).toEqual(JSON.parse(JSON.stringify({ examples: EXAMPLES })));
  });

  it('serves graphs the server runs as they are (import limits, compiler, runtime)', async () => {
    const { examples } = (await (await fetch(`${app.url}/api/examples`)).json()) as {
      examples: Array<{ id: string; graph: unknown }>;
    };
    for (const { id, graph } of examples) {
      const started = await sendJson('POST', `${app.url}/api/runs`, { graph });
      expect(started.status, `${id}: ${JSON.stringify(started.body)}`).toBe(201);
      const runId = started.body.runId as string;
      const auth = { authorization: `Bearer ${started.body.runToken as string}` };
      const stop = await sendJson('POST', `${app.url}/api/runs/${runId}/stop`, { mode: 'abort' }, auth);
      expect(stop.status).toBe(202);
    }
  });
});
