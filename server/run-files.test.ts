import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { graphOf } from './test-helpers/graph-of.js';
import { sendJson, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

const fileGraph = (count: number) =>
  graphOf(
    [
      ['src', 'generator', { rate: null, count }],
      ['out', 'file'],
    ],
    [['src', 'out']],
  );

/** Each run's token: downloads need it. */
const tokens = new Map<string, string>();
const auth = (runId: string) => ({ authorization: `Bearer ${tokens.get(runId)}` });

async function runToEnd(graph: unknown): Promise<string> {
  const res = await sendJson('POST', `${app.url}/api/runs`, { graph });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const runId = res.body.runId as string;
  tokens.set(runId, res.body.runToken as string);
  expect((await app.runs.get(runId)!.done).status).toBe('completed');
  return runId;
}

describe('file sink output over HTTP', () => {
  it('downloads as an attachment of JSON lines; unknown runs, nodes and odd ids are 404', async () => {
    app = await startTestApp();
    const runId = await runToEnd(fileGraph(300));
    // A plain link works too: the token in the query.
    const res = await fetch(`${app.url}/api/runs/${runId}/files/out?token=${tokens.get(runId)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="?${runId}-out\\.jsonl"?$`),
    );
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: number }).id)).toEqual(
      Array.from({ length: 300 }, (_, i) => i),
    );

    for (const at of [
      `/api/runs/${runId}/files/src`,
      `/api/runs/nope/files/out`,
      `/api/runs/${runId}/files/..%2F..%2Fsluice.db`,
      `/api/runs/..%2F/files/out`,
    ]) {
      const miss = await fetch(`${app.url}${at}`, { headers: auth(runId) });
      expect(miss.status, at).toBe(404);
      expect(await miss.json()).toMatchObject({ error: 'not_found' });
    }
  });

  it('keeps the files of the last SLUICE_KEEP_RUN_FILES runs and removes older ones', async () => {
    app = await startTestApp({ keepRunFiles: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(await runToEnd(fileGraph(10)));
      await new Promise((r) => setTimeout(r, 30)); // distinct folder times
    }
    await new Promise((r) => setTimeout(r, 200)); // pruning is done in the background
    const left = readdirSync(path.join(app.dataDir, 'runs')).sort();
    // When the 4th run started, runs 2 and 3 were the last two finished: run 1 went.
    expect(left).toEqual([ids[1]!, ids[2]!, ids[3]!].sort());
    expect(existsSync(path.join(app.dataDir, 'runs', ids[3]!, 'out.jsonl'))).toBe(true);
    expect((await fetch(`${app.url}/api/runs/${ids[0]}/files/out`, { headers: auth(ids[0]!) })).status).toBe(
      404,
    );
  });
});

describe('http-post egress at run start', () => {
  it('refuses a webhook outside the allowed addresses before the run starts, naming node and field', async () => {
    app = await startTestApp();
    const graph = graphOf(
      [
        ['src', 'generator', { count: 1 }],
        ['hook', 'http-post', { url: 'http://169.254.169.254/latest/meta-data' }],
      ],
      [['src', 'hook']],
    );
    const res = await sendJson('POST', `${app.url}/api/runs`, { graph });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'egress_forbidden' });
    expect(res.body.issues).toEqual([
      expect.objectContaining({
        nodeId: 'hook',
        path: 'nodes.1.params.url',
        message: expect.stringContaining('SLUICE_HTTP_POST_ALLOW'),
      }),
    ]);
    const ftp = await sendJson('POST', `${app.url}/api/runs`, {
      graph: {
        ...graph,
        nodes: [graph.nodes[0], { ...graph.nodes[1], params: { url: 'file:///etc/passwd' } }],
      },
    });
    expect(ftp.status).toBe(400);
    expect(ftp.body).toMatchObject({ error: 'compile_failed' });
  });

  it('allows what SLUICE_HTTP_POST_ALLOW lists', async () => {
    app = await startTestApp({}, { httpPostAllow: ['10.0.0.0/8'] });
    const res = await sendJson('POST', `${app.url}/api/runs`, {
      graph: graphOf(
        [
          ['src', 'generator', { count: 1 }],
          ['hook', 'http-post', { url: 'http://10.255.255.1:9/', timeoutMs: 50, errorPolicy: 'skip' }],
        ],
        [['src', 'hook']],
      ),
    });
    expect(res.status).toBe(201);
    const result = await app.runs.get(res.body.runId as string)!.done;
    expect(result).toMatchObject({ status: 'completed', totals: { errors: 1 } }); // allowed; nothing answers
  });
});
