import { afterEach, describe, expect, it } from 'vitest';
import { graphOf } from './test-helpers/graph-of.js';
import { sendJson, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The run token of the run last started: posts and stops carry it. */
let auth: Record<string, string> = {};

async function startRun(graph: unknown): Promise<string> {
  const res = await sendJson('POST', `${app.url}/api/runs`, { graph });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  auth = { authorization: `Bearer ${res.body.runToken as string}` };
  return res.body.runId as string;
}

/** An outside client: POSTs a body to the endpoint the way any HTTP client would. */
async function ingest(path: string, body: string | ReadableStream, contentType = 'application/json') {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...auth },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** Keeps POSTing until accepted, honouring Retry-After (shortened to 200 ms for the test). */
async function ingestUntilAccepted(path: string, body: string, contentType?: string) {
  const retryAfters: string[] = [];
  for (let i = 0; i < 100; i++) {
    const res = await ingest(path, body, contentType);
    if (res.status !== 429) return { ...res, retryAfters };
    retryAfters.push(res.headers.get('retry-after') ?? 'missing');
    await sleep(Math.min(200, Number(res.headers.get('retry-after')) * 1000));
  }
  throw new Error('never accepted');
}

describe('http-ingest: an HTTP endpoint per run and node', () => {
  it('202 while there is room, 429 with Retry-After while a slow worker keeps the buffer full; items arrive intact', async () => {
    //   (HTTP clients) ──▶ in(http-ingest, buffer 5) ──[cap 1]──▶ work(150 ms) ──▶ out(file)
    app = await startTestApp();
    const runId = await startRun(
      graphOf(
        [
          ['in', 'http-ingest', { bufferSize: 5 }],
          ['work', 'worker', { serviceTimeMs: 150 }],
          ['out', 'file'],
        ],
        [
          ['in', 'work', { capacity: 1 }],
          ['work', 'out'],
        ],
      ),
    );
    const path = `/api/runs/${runId}/ingest/in`;
    const first = Array.from({ length: 5 }, (_, i) => ({ n: i, text: `é ${i}`, nested: { deep: [i] } }));
    const ok = await ingest(path, JSON.stringify(first));
    expect(ok.status).toBe(202);
    expect(ok.body).toEqual({ accepted: 5 });

    // The buffer is full until the worker has taken most of it: refused, with a time to come back.
    const full = await ingest(path, JSON.stringify({ n: 5, ts: 1234 }));
    expect(full.status).toBe(429);
    expect(full.body).toMatchObject({ error: 'ingest_full' });
    expect(full.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);

    const later = await ingestUntilAccepted(path, JSON.stringify({ n: 5, ts: 1234 }));
    expect(later.status).toBe(202);
    const ndjson = `${JSON.stringify({ n: 6 })}\n\n${JSON.stringify({ n: 7 })}\r\n${JSON.stringify({ n: 8 })}\n`;
    const lines = await ingestUntilAccepted(path, ndjson, 'application/x-ndjson');
    expect(lines.status).toBe(202);
    expect(lines.body).toEqual({ accepted: 3 });

    await sendJson('POST', `${app.url}/api/runs/${runId}/stop`, { mode: 'drain' }, auth);
    const result = await app.runs.get(runId)!.done;
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({ emitted: 9, delivered: 9, dropped: 0 });

    const file = await fetch(`${app.url}/api/runs/${runId}/files/out`, { headers: auth });
    const got = (await file.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(got.map((i) => i.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(got.slice(0, 5).map(({ ts: _, ...rest }) => rest)).toEqual(first);
    expect(got[5]!.ts).toBe(1234); // a ts that came with the item is kept
    for (const item of got) expect(item.ts).toEqual(expect.any(Number)); // the others get arrival time
    expect(Math.abs((got[0]!.ts as number) - Date.now())).toBeLessThan(60_000);

    // A drained run takes nothing more.
    expect((await ingest(path, '{}')).status).toBe(409);
  });

  it('413 for a body over the node’s limit, over the server’s limit (streamed too), or more items than the buffer', async () => {
    app = await startTestApp({ maxBodyBytes: 4_096 });
    const runId = await startRun(
      graphOf(
        [
          ['small', 'http-ingest', { maxBodyBytes: 1_024, bufferSize: 100 }],
          ['big', 'http-ingest', { bufferSize: 10 }],
          ['out', 'counter'],
        ],
        [
          ['small', 'out'],
          ['big', 'out'],
        ],
      ),
    );
    const padded = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes) });
    const overNode = await ingest(`/api/runs/${runId}/ingest/small`, padded(2_000));
    expect(overNode.status).toBe(413);
    expect(overNode.body).toMatchObject({ error: 'too_large', message: expect.stringContaining('1024') });
    expect((await ingest(`/api/runs/${runId}/ingest/small`, padded(500))).status).toBe(202);

    const overServer = await ingest(`/api/runs/${runId}/ingest/big`, padded(8_000));
    expect(overServer.status).toBe(413);
    expect(overServer.body.message).toContain('SLUICE_MAX_BODY_BYTES');
    // Chunked, no Content-Length: cut off once it passes the limit.
    const chunks = Array.from({ length: 10 }, () => new TextEncoder().encode(' '.repeat(1_000)));
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    expect((await ingest(`/api/runs/${runId}/ingest/big`, stream)).status).toBe(413);

    const tooMany = await ingest(`/api/runs/${runId}/ingest/big`, JSON.stringify(Array(11).fill({})));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.message).toContain('bufferSize');
    await app.runs.get(runId)!.stop('abort');
  });

  it('says precisely what is wrong with a request: 400, 404, 415', async () => {
    app = await startTestApp();
    const runId = await startRun(
      graphOf(
        [
          ['in', 'http-ingest'],
          ['out', 'counter'],
        ],
        [['in', 'out']],
      ),
    );
    const at = `/api/runs/${runId}/ingest/in`;
    expect(await ingest(at, '{"a":')).toMatchObject({ status: 400, body: { error: 'invalid_json' } });
    expect(await ingest(at, '[{"a":1}, 2]')).toMatchObject({
      status: 400,
      body: { error: 'invalid_items', message: expect.stringContaining('item 1') },
    });
    expect(await ingest(at, '{"a":1}\n{"a":', 'application/x-ndjson')).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('line 2') },
    });
    expect(await ingest(at, '{"a":{"__proto__":{"polluted":true}}}')).toMatchObject({
      status: 400,
      body: { error: 'invalid_items', message: expect.stringContaining('__proto__') },
    });
    expect(await ingest(at, `${'['.repeat(40)}${']'.repeat(40)}`)).toMatchObject({ status: 400 });
    expect(
      await ingest(at, JSON.stringify({ deep: JSON.parse(`${'{"a":'.repeat(30)}1${'}'.repeat(30)}`) })),
    ).toMatchObject({
      status: 400,
      body: { error: 'limit_exceeded' },
    });
    expect(await ingest(at, 'a,b', 'text/csv')).toMatchObject({ status: 415 });
    expect(await ingest(`/api/runs/${runId}/ingest/out`, '{}')).toMatchObject({ status: 404 });
    expect(await ingest(`/api/runs/${runId}/ingest/nope`, '{}')).toMatchObject({ status: 404 });
    expect(await ingest('/api/runs/nope/ingest/in', '{}')).toMatchObject({ status: 404 });
    expect(await ingest(at, '[]')).toMatchObject({ status: 202, body: { accepted: 0 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await app.runs.get(runId)!.stop('abort');
  });
});
