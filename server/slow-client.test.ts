import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/socket-events.js';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';
import { type ChildServer, startChildServer } from './test-helpers/child-server.js';
import { tcpOf } from './test-helpers/stall-socket.js';
import { sendJson, startTestApp, type TestApp, wideGraph } from './test-helpers/start-app.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const STALL_MS = 20_000;
/** 500 nodes (the default limit), 250 edges: frames of ≈100 KB at 30 Hz, for light work. */
const wide = wideGraph(250);

async function rssBytes(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(text)![1]);
}

async function subscribe(
  url: string,
  runId: string,
  token: string,
  frames: TelemetryFrame[],
): Promise<Client> {
  const socket: Client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  socket.on('run:telemetry', (f) => frames.push(f));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  expect(await socket.emitWithAck('run:subscribe', { runId, token })).toMatchObject({ ok: true });
  return socket;
}

describe('a client that stops reading', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-slow-'));
  let server: ChildServer | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`costs the server no memory and the others no frames for ${STALL_MS / 1000} s`, {
    timeout: 90_000,
  }, async () => {
    server = await startChildServer(dataDir);
    const { url } = server;
    const run = await sendJson('POST', `${url}/api/runs`, { graph: wide, telemetryHz: 30 });
    expect(run.status).toBe(201);
    const runId = run.body.runId as string;
    const normalFrames: TelemetryFrame[] = [];
    const stalledFrames: TelemetryFrame[] = [];
    const token = run.body.runToken as string;
    const normal = await subscribe(url, runId, token, normalFrames);
    const stalled = await subscribe(url, runId, token, stalledFrames);
    // Warm up ≈5 s first: the heap grows to its working size under this churn before the baseline.
    await vi.waitFor(() => expect(stalledFrames.length).toBeGreaterThan(150), { timeout: 30_000 });
    const frameBytes = JSON.stringify(normalFrames.at(-1)).length;

    const baseline = await rssBytes(url);
    tcpOf(stalled).pause();
    const seqAtPause = normalFrames.at(-1)!.seq;
    const stalledCountAtPause = stalledFrames.length;
    let peak = baseline;
    for (let t = 0; t < STALL_MS; t += 1000) {
      await new Promise((r) => setTimeout(r, 1000));
      peak = Math.max(peak, await rssBytes(url));
    }
    const seqAtResume = normalFrames.at(-1)!.seq;
    tcpOf(stalled).resume();

    // The normal client got (almost) every frame the run produced while the other one was stalled.
    const window = normalFrames.filter((f) => f.seq > seqAtPause && f.seq <= seqAtResume);
    const produced = seqAtResume - seqAtPause;
    const share = new Set(window.map((f) => f.seq)).size / produced;
    // The stalled one, once reading again, is handed the newest frame, not a backlog.
    await vi.waitFor(
      () => expect(stalledFrames.at(-1)!.seq).toBeGreaterThanOrEqual(normalFrames.at(-1)!.seq - 3),
      {
        timeout: 10_000,
      },
    );
    const stalledGot = stalledFrames.length - stalledCountAtPause;
    const growthMb = (peak - baseline) / 2 ** 20;
    console.log(
      `slow client: ${produced} frames of ≈${Math.round(frameBytes / 1024)} KB in ${STALL_MS / 1000} s ` +
        `(≈${Math.round((produced * frameBytes) / 2 ** 20)} MB if queued); RSS ${Math.round(baseline / 2 ** 20)} MB, ` +
        `peak growth ${growthMb.toFixed(1)} MB; ` +
        `normal client share ${(share * 100).toFixed(2)} %; stalled client received ${stalledGot} of them`,
    );
    expect(produced).toBeGreaterThan((STALL_MS / 1000) * 20); // the run really streamed at ≈30 Hz
    expect(growthMb).toBeLessThan(30);
    expect(share).toBeGreaterThanOrEqual(0.99);
    expect(stalledGot).toBeLessThan(produced / 2);
    normal.close();
    stalled.close();
  });
});

describe('a client that stays stalled', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it('is disconnected after the stall limit; the others stay', async () => {
    app = await startTestApp({ maxSocketStallMs: 1500 });
    const { body } = await sendJson('POST', `${app.url}/api/runs`, {
      graph: { ...wide, nodes: wide.nodes.slice(0, 200), edges: wide.edges.slice(0, 100) },
      telemetryHz: 30,
    });
    const runId = body.runId as string;
    const frames: TelemetryFrame[] = [];
    const normal = await app.connect();
    const stalled = await app.connect();
    normal.on('run:telemetry', (f) => frames.push(f));
    const token = body.runToken as string;
    await normal.emitWithAck('run:subscribe', { runId, token });
    await stalled.emitWithAck('run:subscribe', { runId, token });
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(5), { timeout: 10_000 });
    tcpOf(stalled).pause();
    await vi.waitFor(
      async () => {
        const text = await (await fetch(`${app.url}/metrics`)).text();
        expect(text).toMatch(/^sluice_socket_stalled_disconnects_total 1$/m);
        expect(text).toMatch(/^sluice_socket_connections 1$/m);
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(normal.connected).toBe(true);
    const before = frames.length;
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(before + 5));
  });
});
