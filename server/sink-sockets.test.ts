import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunLogMessage, SinkItemsMessage } from '../shared/protocol/socket-events.js';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';
import { graphOf } from './test-helpers/graph-of.js';
import { tcpOf } from './test-helpers/stall-socket.js';
import { sendJson, startTestApp, type TestApp, type TestSocket } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each run's token: subscribing and granting credit carry it. */
const tokens = new Map<string, string>();

async function startRun(graph: unknown): Promise<string> {
  const res = await sendJson('POST', `${app.url}/api/runs`, { graph });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  tokens.set(res.body.runId as string, res.body.runToken as string);
  return res.body.runId as string;
}

/** A subscribed client that keeps what it is sent. */
async function watcher(runId: string) {
  const socket: TestSocket = await app.connect();
  const items: SinkItemsMessage[] = [];
  const logs: RunLogMessage[] = [];
  let frame: TelemetryFrame | undefined;
  socket.on('sink:items', (m) => items.push(m));
  socket.on('run:log', (m) => logs.push(m));
  socket.on('run:telemetry', (f) => {
    frame = f;
  });
  const token = tokens.get(runId)!;
  expect(await socket.emitWithAck('run:subscribe', { runId, token })).toMatchObject({ ok: true });
  return {
    socket,
    logs,
    ids: () => items.flatMap((m) => m.items.map((i) => (i as { id: number }).id)),
    skipped: () => items.reduce((sum, m) => sum + (m.skipped ?? 0), 0),
    frame: () => frame,
    credit: (n: number, nodeId = 'view') => socket.emitWithAck('sink:credit', { runId, nodeId, n, token }),
  };
}

describe('browser sink: items pulled by the UI with credits', () => {
  it('no credit: no items and the queue upstream fills; 10 credits: exactly 10; more: more', async () => {
    //   src(2 000/s) ──[cap 8]──▶ view(browser)
    app = await startTestApp();
    const runId = await startRun(
      graphOf(
        [
          ['src', 'generator', { rate: 2000 }],
          ['view', 'browser'],
        ],
        [['src', 'view', { capacity: 8 }]],
      ),
    );
    const a = await watcher(runId);
    const b = await watcher(runId); // another viewer of the same run
    await vi.waitFor(() => expect(a.frame()?.edges.e1).toMatchObject({ depth: 8, capacity: 8 }), {
      timeout: 10_000,
    });
    await sleep(300);
    expect(a.ids()).toEqual([]);
    expect(a.frame()!.nodes.src!.backpressured).toBeGreaterThan(0.9);

    expect(await a.credit(10)).toEqual({ ok: true });
    await sleep(400);
    expect(a.ids()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(b.ids()).toEqual(a.ids()); // delivered to everyone watching

    await b.credit(15); // any subscriber may grant
    await a.credit(10);
    await sleep(400);
    expect(a.ids()).toEqual(Array.from({ length: 35 }, (_, i) => i));
    expect(a.frame()!.edges.e1!.depth).toBe(8); // still no credit beyond what was granted
    await app.runs.get(runId)!.stop('abort');
  });

  it('validates sink:credit and answers in the ack', async () => {
    app = await startTestApp();
    const runId = await startRun(
      graphOf(
        [
          ['src', 'generator', { rate: 10 }],
          ['view', 'browser'],
        ],
        [['src', 'view']],
      ),
    );
    const outsider = await app.connect();
    const token = tokens.get(runId)!;
    expect(await outsider.emitWithAck('sink:credit', { runId, nodeId: 'view', n: 5, token })).toMatchObject({
      ok: false,
      error: 'not_subscribed',
    });
    const w = await watcher(runId);
    for (const n of [0, -1, 1.5, 10_001])
      expect(await w.credit(n)).toMatchObject({ ok: false, error: 'invalid_request' });
    expect(
      await w.socket.emitWithAck('sink:credit', { runId, nodeId: 'view', n: 1, token, extra: 1 } as never),
    ).toMatchObject({ ok: false, error: 'invalid_request' });
    expect(await w.credit(1, 'src')).toMatchObject({ ok: false, error: 'not_found' });
    expect(await w.credit(1, 'nope')).toMatchObject({ ok: false, error: 'not_found' });
    await app.runs.get(runId)!.stop('abort');
    await app.runs.get(runId)!.done;
    expect(await w.credit(1)).toMatchObject({ ok: false, error: 'conflict' });
  });
});

describe('a subscriber that stops reading', () => {
  it('has items dropped for it and counted (received + skipped = sent); the other gets every one', {
    timeout: 30_000,
  }, async () => {
    //   src(≈2 KB items) ──▶ view(browser)     two viewers; one stops reading its socket
    app = await startTestApp();
    const runId = await startRun(
      graphOf(
        [
          // Just under the display cut (MAX_DISPLAY_ITEM_BYTES): items reach the UI whole.
          ['src', 'generator', { rate: null, count: 10_000, payloadBytes: 1_900 }],
          ['view', 'browser'],
        ],
        [['src', 'view', { capacity: 16 }]],
      ),
    );
    const reader = await watcher(runId);
    const stalled = await watcher(runId);
    tcpOf(stalled.socket).pause();
    try {
      // The reader behaves like the UI: it grants more as items arrive (a credit loop), until
      // ≈16 MB of items went by — far more than the stalled socket's kernel buffers hold.
      await reader.credit(400);
      for (let granted = 400; granted < 8_000; ) {
        await vi.waitFor(() => expect(reader.ids().length).toBeGreaterThan(granted - 300), {
          timeout: 10_000,
        });
        await reader.credit(200);
        granted += 200;
      }
      await vi.waitFor(() => expect(reader.ids()).toHaveLength(8_000), { timeout: 10_000 });
      expect(stalled.ids().length).toBeLessThan(4_000);
    } finally {
      tcpOf(stalled.socket).resume();
    }
    // What waited for the stalled socket (at most the newest 2 000, at most 1 MB) arrives, saying what it missed.
    await vi.waitFor(() => expect(stalled.ids().length + stalled.skipped()).toBe(8_000), { timeout: 10_000 });
    expect(reader.ids()).toEqual(Array.from({ length: 8_000 }, (_, i) => i));
    expect(reader.skipped()).toBe(0);
    expect(stalled.skipped()).toBeGreaterThan(0);
    // It got what it got in order, the newest included.
    const got = stalled.ids();
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(got.at(-1)).toBe(7_999);
    await app.runs.get(runId)!.stop('abort');
  });
});

describe('log sink: sampled lines to the run console', () => {
  it('relays at most maxLinesPerSecond lines per second, formatted, with the sampled-out count', async () => {
    //   src(1 000/s) ──▶ console(log, 10 lines/s, "{key}: {value}")
    app = await startTestApp();
    const runId = await startRun(
      graphOf(
        [
          ['src', 'generator', { rate: 1000 }],
          ['console', 'log', { maxLinesPerSecond: 10, format: '{key}: {value}' }],
        ],
        [['src', 'console']],
      ),
    );
    const w = await watcher(runId);
    const t0 = Date.now();
    // At least 1.5 s, and until ~500 items were sampled out (a loaded machine starts the run's
    // thread late): the bounds below scale with the time actually waited.
    await sleep(1_500);
    while (Date.now() - t0 < 8_000 && (w.logs.at(-1)?.sampledOut ?? 0) <= 500) await sleep(100);
    const seconds = (Date.now() - t0) / 1000;
    const lines = w.logs.flatMap((m) => m.lines);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.length).toBeLessThanOrEqual(10 + 10 * (seconds + 0.5)); // the burst, then the rate
    for (const line of lines) expect(line).toMatch(/^k\d+: \d+$/);
    expect(w.logs.every((m) => m.runId === runId && m.nodeId === 'console')).toBe(true);
    expect(w.logs.at(-1)!.sampledOut).toBeGreaterThan(500);
    await app.runs.get(runId)!.stop('abort');
  });
});
