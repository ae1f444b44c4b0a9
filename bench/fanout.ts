/**
 * Fan-out: does watching a run slow it down? The issue's bar: 200 subscribers to one run at 10 Hz
 * on loopback cost the run ≤ 10 % of its throughput against none.
 *
 * The real app (createApp on 127.0.0.1, port 0, a temp DATA_DIR, maxSubscribersPerRun raised)
 * runs workload A endlessly (generator rate null → map value * 2 → filter id % 2 == 0 → counter)
 * in its worker thread, as the server always does. Each sample starts a run, lets it warm up, then
 * counts delivered items over a window: from the run's own frames (totals and run clock `t` arrive
 * together, so the window is exact; `GET /api/runs/:id` serves the same totals). Samples alternate
 * 0 and N subscribers (ABBA, so drift hits both alike); subscribers are socket.io clients in a
 * child process (`fanout-clients.ts`), like browsers elsewhere, connected throughout and
 * subscribed only for their samples. The verdict is the median of paired ratios: each watched
 * window against the window without subscribers next to it in time. This machine has phases of
 * its own lasting seconds (one side's windows alone spread 6–12 M items/s); a pair falls within one
 * phase, where the two sides' medians need not. Env: BENCH_FANOUT_SUBSCRIBERS (200),
 * BENCH_FANOUT_REPS (6), BENCH_FANOUT_WINDOW_S (1.5).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type App, createApp } from '../server/app.js';
import { DEFAULT_LIMITS } from '../server/config.js';
import { SqliteGraphStore } from '../server/store/sqlite-graph-store.js';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';
import type { FromClients, ToClients } from './fanout-clients.js';
import { fmtChange, fmtRate, median } from './measure.js';
import { chainGraph } from './sluice.js';

export interface FanoutConfig {
  subscribers: number;
  reps: number;
  warmMs: number;
  windowMs: number;
  telemetryHz: number;
}

export interface FanoutSide {
  /** Delivered items/s of each sample. */
  rates: number[];
  median: number;
  min: number;
  max: number;
}

export interface FanoutResult {
  config: FanoutConfig;
  alone: FanoutSide;
  watched: FanoutSide;
  /** watched / alone medians. */
  ratio: number;
  /** watched / alone of each rep's pair of windows, adjacent in time; the verdict is their median. */
  paired: { ratios: number[]; median: number; min: number; max: number };
  /** Telemetry frames each subscriber received per second: median over samples of the mean, and the slowest client. */
  framesPerClient: { mean: number; slowest: number };
  /** Where the CPU went (medians over samples): the server's main thread, busy fraction of the window. */
  mainThreadBusy: { alone: number; watched: number };
  /** The subscriber process's CPU, fraction of one core, over the watched windows. */
  subscriberCpu: number;
}

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? '');
  return Number.isFinite(v) && v > 0 ? Math.round(v) : fallback;
}

export function fanoutConfigFromEnv(): FanoutConfig {
  return {
    subscribers: envInt('BENCH_FANOUT_SUBSCRIBERS', 200),
    reps: envInt('BENCH_FANOUT_REPS', 6),
    warmMs: 1000,
    windowMs: Math.round(Number(process.env.BENCH_FANOUT_WINDOW_S ?? 1.5) * 1000) || 1500,
    telemetryHz: 10,
  };
}

/** Workload A without an end: the run is stopped after its window. */
const flatOut = chainGraph('bench fan-out', [
  { kind: 'generator', params: { rate: null, count: null } },
  { kind: 'map', params: { expression: 'value * 2' } },
  { kind: 'filter', params: { expression: 'id % 2 == 0' } },
  { kind: 'counter', params: {} },
]);

/** The subscriber process and a typed request/answer channel to it. */
class Subscribers {
  private constructor(private readonly child: ChildProcess) {}

  static async start(url: string, n: number): Promise<Subscribers> {
    const here = fileURLToPath(import.meta.url);
    const entry = path.join(path.dirname(here), `fanout-clients${path.extname(here)}`);
    // The parent's execArgv comes along: under tsx the child loads .ts the same way.
    const child = fork(entry, [url, String(n)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const s = new Subscribers(child);
    await s.next('ready');
    return s;
  }

  private next<T extends FromClients['type']>(type: T): Promise<Extract<FromClients, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromClients) => {
        this.child.off('exit', onExit);
        this.child.off('message', onMessage);
        if (m.type === 'error') reject(new Error(`subscribers: ${m.message}`));
        else if (m.type !== type) reject(new Error(`subscribers: expected ${type}, got ${m.type}`));
        else resolve(m as Extract<FromClients, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`subscriber process exited (${code})`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }

  async request<T extends FromClients['type']>(m: ToClients, answer: T) {
    const reply = this.next(answer);
    this.child.send(m);
    return reply;
  }

  close(): void {
    if (this.child.connected) this.child.send({ type: 'exit' } satisfies ToClients);
    setTimeout(() => this.child.kill(), 2000).unref();
  }
}

/** The next frame of a run at or after run time `t` (ms), with the totals that came with it. */
function frameAt(app: App, runId: string, t: number): Promise<{ t: number; delivered: number }> {
  return new Promise((resolve) => {
    const onFrame = (f: TelemetryFrame) => {
      if (f.runId !== runId || f.t < t) return;
      app.runs.off('frame', onFrame);
      resolve({ t: f.t, delivered: app.runs.get(runId)!.totals().delivered });
    };
    app.runs.on('frame', onFrame);
  });
}

interface Sample {
  rate: number;
  /** Event-loop utilisation of the server's (this) main thread over the window. */
  elu: number;
  /** Per-client frames/s over the window, and the subscriber process's CPU in cores (watched samples only). */
  clientFps?: number[];
  clientCpu?: number;
}

async function sample(
  app: App,
  url: string,
  cfg: FanoutConfig,
  subs: Subscribers | undefined,
  windowMs = cfg.windowMs,
): Promise<Sample> {
  const res = await fetch(`${url}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ graph: flatOut, telemetryHz: cfg.telemetryHz }),
  });
  const body = (await res.json()) as {
    runId?: string;
    runToken?: string;
    watchToken?: string;
    message?: string;
  };
  if (res.status !== 201 || !body.runId) throw new Error(`run refused: ${res.status} ${body.message}`);
  const { runId, runToken = '', watchToken = '' } = body;
  try {
    if (subs) await subs.request({ type: 'subscribe', runId, token: watchToken }, 'done');
    const start = await frameAt(app, runId, cfg.warmMs);
    const before = subs ? await subs.request({ type: 'count' }, 'count') : undefined;
    const wall0 = performance.now();
    const elu0 = performance.eventLoopUtilization();
    const end = await frameAt(app, runId, start.t + windowMs);
    const out: Sample = {
      rate: ((end.delivered - start.delivered) * 1000) / (end.t - start.t),
      elu: performance.eventLoopUtilization(elu0).utilization,
    };
    if (subs && before) {
      const after = await subs.request({ type: 'count' }, 'count');
      const ms = performance.now() - wall0;
      out.clientFps = after.frames.map((f, i) => (f - before.frames[i]!) / (ms / 1000));
      out.clientCpu = (after.cpuMs - before.cpuMs) / ms;
    }
    return out;
  } finally {
    await fetch(`${url}/api/runs/${runId}/stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${runToken}` },
      body: '{"mode":"abort"}',
    });
    await app.runs.get(runId)?.done;
    if (subs) await subs.request({ type: 'unsubscribe', runId, token: watchToken }, 'done');
  }
}

function side(rates: number[]): FanoutSide {
  return { rates, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

/** Runs the whole measurement: the app, the subscriber process, a warm-up, then ABBA samples. */
export async function measureFanout(
  cfg: FanoutConfig = fanoutConfigFromEnv(),
  onProgress: (msg: string) => void = () => {},
): Promise<FanoutResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-bench-fanout-'));
  const store = SqliteGraphStore.open(dataDir);
  const app = createApp({
    // Every subscriber connects from 127.0.0.1: lift the per-address connection cap with the subscriber cap.
    limits: {
      ...DEFAULT_LIMITS,
      maxSubscribersPerRun: Math.max(10_000, cfg.subscribers),
      maxConnectionsPerIp: cfg.subscribers + 64,
    },
    store,
    dataDir,
    allowedHosts: [],
  });
  let subs: Subscribers | undefined;
  try {
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    onProgress(`connecting ${cfg.subscribers} subscribers`);
    subs = await Subscribers.start(url, cfg.subscribers);
    onProgress('warm-up');
    await sample(app, url, cfg, subs, 1000);
    await sample(app, url, cfg, undefined, 1000);
    const alone: Sample[] = [];
    const watched: Sample[] = [];
    for (let r = 0; r < cfg.reps; r++) {
      for (const withSubs of r % 2 === 0 ? [false, true] : [true, false]) {
        onProgress(`rep ${r + 1}/${cfg.reps}, ${withSubs ? cfg.subscribers : 0} subscribers`);
        (withSubs ? watched : alone).push(await sample(app, url, cfg, withSubs ? subs : undefined));
      }
    }
    const a = side(alone.map((s) => s.rate));
    const w = side(watched.map((s) => s.rate));
    const pairs = watched.map((s, r) => s.rate / alone[r]!.rate);
    const fps = watched.map((s) => s.clientFps ?? []);
    return {
      config: cfg,
      alone: a,
      watched: w,
      ratio: w.median / a.median,
      paired: { ratios: pairs, median: median(pairs), min: Math.min(...pairs), max: Math.max(...pairs) },
      framesPerClient: {
        mean: median(fps.map((f) => f.reduce((x, y) => x + y, 0) / f.length)),
        slowest: Math.min(...fps.map((f) => Math.min(...f))),
      },
      mainThreadBusy: { alone: median(alone.map((s) => s.elu)), watched: median(watched.map((s) => s.elu)) },
      subscriberCpu: median(watched.map((s) => s.clientCpu ?? 0)),
    };
  } finally {
    subs?.close();
    await app.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The section as `npm run bench` prints it. */
export function formatFanout(r: FanoutResult): string {
  const c = r.config;
  const range = (s: FanoutSide) => `${fmtRate(s.median)} (${fmtRate(s.min)}–${fmtRate(s.max)})`;
  const drop = (1 - r.paired.median) * 100;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `\nFan-out: workload A flat out in the real app (run in its worker thread), ${c.reps} × ${c.windowMs / 1000} s windows ` +
      `per side, alternating; subscribers are socket.io clients in another process at ${c.telemetryHz} Hz`,
    `  0 subscribers:   ${range(r.alone)} delivered items/s`,
    `  ${String(c.subscribers).padEnd(3)} subscribers: ${range(r.watched)} delivered items/s`,
    `  paired ratio ${r.paired.median.toFixed(3)} (${r.paired.min.toFixed(3)}–${r.paired.max.toFixed(3)} over ${r.paired.ratios.length} pairs; ` +
      `${fmtChange(r.paired.median)}; target: ≤ 10 % slower) ` +
      `${drop <= 10 ? 'OK' : 'MISSED'}; ratio of the two medians ${r.ratio.toFixed(3)}`,
    `  frames per client per second: ${r.framesPerClient.mean.toFixed(2)} mean, ${r.framesPerClient.slowest.toFixed(2)} slowest client (sent at ${c.telemetryHz} Hz)`,
    `  server main thread busy ${pct(r.mainThreadBusy.alone)} → ${pct(r.mainThreadBusy.watched)} of the window; ` +
      `subscriber process ${pct(r.subscriberCpu)} of a core (on ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)})`,
  ].join('\n');
}

// `node dist/bench/bench/fanout.js` (or `node --import tsx bench/fanout.ts`): this section alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await measureFanout(fanoutConfigFromEnv(), (msg) =>
    process.stderr.write(`fan-out: ${msg}…\n`),
  );
  console.log(formatFanout(result));
}
