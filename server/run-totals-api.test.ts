import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

describe('GET /api/runs/:runId totals', () => {
  it('name every loss: an open-loop source’s rejections are rejected, not dropped and not missing', async () => {
    //   src(2000/s, open, 3000 items) ──[cap 8]──▶ work(2 ms = 500/s) ──▶ out
    app = await startTestApp();
    const graph = {
      schemaVersion: 1,
      name: 'open loop',
      nodes: [
        { id: 'src', kind: 'generator', params: { rate: 2000, count: 3000, loop: 'open' } },
        { id: 'work', kind: 'worker', params: { serviceTimeMs: 2 } },
        { id: 'out', kind: 'counter', params: {} },
      ],
      edges: [
        { id: 'e1', source: 'src', target: 'work', capacity: 8 },
        { id: 'e2', source: 'work', target: 'out' },
      ],
    };
    const { body } = await sendJson('POST', `${app.url}/api/runs`, { graph });
    const runId = body.runId as string;
    const auth = body.runToken ? { Authorization: `Bearer ${body.runToken as string}` } : undefined;
    await app.runs.get(runId)!.done;

    const res = await fetch(`${app.url}/api/runs/${runId}`, { headers: auth });
    expect(res.status).toBe(200);
    const { status, totals } = (await res.json()) as { status: string; totals: Record<string, number> };
    expect(status).toBe('completed');
    expect(totals).toMatchObject({ emitted: 3000, dropped: 0, deadLettered: 0, skipped: 0, errors: 0 });
    expect(totals.rejected!).toBeGreaterThan(1000);
    expect(totals.delivered! + totals.rejected!).toBe(3000);
  }, 60_000);
});
