import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorHandler } from './http/api-error.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

const scrape = async () => {
  const res = await fetch(`${app.url}/metrics`);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  it('exposes per-run node and edge series while a run lives (opted in), and drops them when it ends', async () => {
    app = await startTestApp({}, { metrics: { runLabels: true } });
    const { body } = await sendJson('POST', `${app.url}/api/runs`, { graph: slowConsumerGraph });
    const runId = body.runId as string;
    const edge = `sluice_edge_queue_depth{run_id="${runId}",edge_id="e1"}`;
    let text = '';
    await vi.waitFor(
      async () => {
        text = await scrape();
        expect(sample(text, edge)).toBe(64);
        // Once the worker has served items in a frame's window (a loaded machine may start it late).
        expect(sample(text, `sluice_node_utilization_ratio{run_id="${runId}",node_id="work"}`)).toBeDefined();
      },
      // A run's thread takes seconds to start on a loaded machine (14 s at load 31).
      { timeout: 30_000, interval: 100 },
    );
    expect(sample(text, `sluice_edge_queue_capacity{run_id="${runId}",edge_id="e1"}`)).toBe(64);
    expect(
      sample(text, `sluice_node_processed_items_total{run_id="${runId}",node_id="out"}`),
    ).toBeGreaterThan(0);
    expect(sample(text, `sluice_node_busy_ratio{run_id="${runId}",node_id="work"}`)).toBeGreaterThan(0.5);
    // 2,000/s offered to a 2 ms worker: ρ ≈ 4; the full queue's items wait ≈ 64 × 2 ms.
    expect(sample(text, `sluice_node_utilization_ratio{run_id="${runId}",node_id="work"}`)).toBeGreaterThan(
      2,
    );
    expect(sample(text, `sluice_node_utilization_ratio{run_id="${runId}",node_id="src"}`)).toBeUndefined();
    expect(sample(text, `sluice_edge_mean_wait_seconds{run_id="${runId}",edge_id="e1"}`)).toBeGreaterThan(
      0.05,
    );
    expect(sample(text, `sluice_run_status{run_id="${runId}",status="running"}`)).toBe(1);
    expect(sample(text, 'sluice_runs_active')).toBe(1);
    expect(text).toMatch(/^# TYPE sluice_edge_dropped_items_total counter$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);

    await sendJson(
      'POST',
      `${app.url}/api/runs/${runId}/stop`,
      { mode: 'abort' },
      { authorization: `Bearer ${body.runToken as string}` },
    );
    await app.runs.get(runId)!.done;
    await vi.waitFor(async () => {
      text = await scrape();
      expect(text).not.toContain(runId);
    });
    expect(sample(text, 'sluice_runs_active')).toBe(0);
    expect(sample(text, 'sluice_runs_finished_total{status="stopped"}')).toBe(1);
    expect(sample(text, 'sluice_runs_started_total')).toBe(1);
  });
});

describe('request logs', () => {
  it('gives each request an id (the caller’s when plain), echoes it, and logs one line without secrets', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    app = await startTestApp({}, { logger: pino({ level: 'info' }, sink) });
    const mine = await fetch(`${app.url}/api/health`, { headers: { 'x-request-id': 'trace-42' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-42');
    const hostile = await fetch(`${app.url}/api/health`, { headers: { 'x-request-id': 'a b"}{' } });
    const generated = hostile.headers.get('x-request-id')!;
    expect(generated).toMatch(/^[A-Za-z0-9_-]{12}$/);
    await fetch(`${app.url}/api/graphs/x`, {
      method: 'PUT',
      headers: { authorization: 'Bearer sekrit-token' },
    });
    await vi.waitFor(() => expect(lines.filter((l) => l.msg === 'request')).toHaveLength(3));
    expect(lines).toContainEqual(
      expect.objectContaining({ reqId: 'trace-42', method: 'GET', url: '/api/health', status: 200 }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ reqId: generated }));
    expect(JSON.stringify(lines)).not.toContain('sekrit-token');
  });

  it('answers an unexpected error with a plain 500 JSON body: no stack, no message leak', async () => {
    const logged: unknown[] = [];
    const mini = express();
    mini.get('/boom', () => {
      throw new Error('secret internals at /srv/app.ts:12');
    });
    mini.use(errorHandler((err) => logged.push(err)));
    const server = mini.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/boom`);
    const text = await res.text();
    server.close();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: 'internal', message: 'internal error' });
    expect(text).not.toContain('secret');
    expect(logged).toHaveLength(1);
    app = undefined as unknown as TestApp;
  });
});
