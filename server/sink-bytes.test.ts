import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { SinkItemsMessage } from '../shared/protocol/socket-events.js';
import { startChildServer } from './test-helpers/child-server.js';
import { graphOf } from './test-helpers/graph-of.js';
import { tcpOf } from './test-helpers/stall-socket.js';
import { sendJson, type TestSocket } from './test-helpers/start-app.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-sink-bytes-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const STRESS_MS = 6_000;
const WATCHERS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process (main thread and every worker thread), from the kernel. */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : 0;
}

async function subscriber(url: string, runId: string, token: string): Promise<TestSocket> {
  const socket: TestSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  expect(await socket.emitWithAck('run:subscribe', { runId, token })).toMatchObject({ ok: true });
  return socket;
}

describe('a browser sink fed 64 KB items at 2 000/s with generous credits', () => {
  it(`keeps the server under 300 MB and everyone else's frames flowing for ${STRESS_MS / 1000} s`, {
    timeout: 60_000,
  }, async () => {
    //   src(2 000/s, 64 KB payload) ──▶ view(browser)    credits: 10 000 at a time
    const server = await startChildServer(dataDir);
    try {
      const graph = graphOf(
        [
          ['src', 'generator', { rate: 2000, payloadBytes: 65_536 }],
          ['view', 'browser'],
        ],
        [['src', 'view', { capacity: 64 }]],
      );
      const started = await sendJson('POST', `${server.url}/api/runs`, { graph });
      expect(started.status).toBe(201);
      const runId = started.body.runId as string;
      const token = started.body.runToken as string;
      const auth = { authorization: `Bearer ${token}` };
      // A worker thread loading TypeScript sources takes seconds to start on a busy machine.
      await vi.waitFor(
        async () =>
          expect(
            (await sendJson('GET', `${server.url}/api/runs/${runId}`, undefined, auth)).body.status,
          ).toBe('running'),
        { timeout: 30_000, interval: 100 },
      );

      // The tap: a reading client that keeps the sink's credit wide open.
      // Before any item flows: the server, its run thread and their code loaded.
      const baselineRss = rssMb(server.pid);
      const tap = await subscriber(server.url, runId, token);
      let delivered = 0;
      const truncated: SinkItemsMessage['items'] = [];
      tap.on('sink:items', (m) => {
        delivered += m.items.length;
        if (truncated.length === 0) truncated.push(m.items[0]);
      });
      const grant = () => tap.emitWithAck('sink:credit', { runId, nodeId: 'view', n: 10_000, token });
      await grant();
      const regrant = setInterval(() => void grant().catch(() => {}), 500);
      // A subscriber that stopped reading: whatever waits for it must stay bounded.
      const frozen = await subscriber(server.url, runId, token);
      tcpOf(frozen).pause();
      // Telemetry-only watchers: they count the frames they get.
      const watchers = await Promise.all(
        Array.from({ length: WATCHERS }, () => subscriber(server.url, runId, token)),
      );
      const seqs = watchers.map(() => [] as number[]);
      for (const [i, w] of watchers.entries()) w.on('run:telemetry', (f) => seqs[i]!.push(f.seq));

      let peakRss = 0;
      let slowestHealthMs = 0;
      const until = performance.now() + STRESS_MS;
      while (performance.now() < until) {
        const t0 = performance.now();
        const health = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(20_000) });
        expect(health.status).toBe(200);
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - t0);
        peakRss = Math.max(peakRss, rssMb(server.pid));
        await sleep(200);
      }
      clearInterval(regrant);
      const shares = seqs.map((s) => s.length / (s[s.length - 1]! - s[0]! + 1));
      console.log(
        `sink stress: RSS ${baselineRss.toFixed(0)} MB before, peak ${peakRss.toFixed(0)} MB, items delivered ${delivered}, slowest /api/health ${slowestHealthMs.toFixed(0)} ms, frame shares ${shares.map((s) => s.toFixed(3)).join(' ')}`,
      );
      for (const s of [tap, frozen, ...watchers]) s.close();

      expect(delivered).toBeGreaterThan(1_000);
      expect(peakRss).toBeLessThanOrEqual(300);
      for (const [i, s] of seqs.entries()) {
        expect(s.length, `watcher ${i}`).toBeGreaterThan((STRESS_MS / 100) * 0.5);
        expect(shares[i], `watcher ${i}`).toBeGreaterThanOrEqual(0.95);
      }
      // What reaches the browser is the item cut down for display, marked with its real size.
      expect(truncated[0]).toMatchObject({ _truncated: expect.any(Number) });
      expect((truncated[0] as { _truncated: number })._truncated).toBeGreaterThan(65_536);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  });
});
