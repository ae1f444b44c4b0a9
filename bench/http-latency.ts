/**
 * The main thread's HTTP latency while a graph runs flat out in the same process: a tiny HTTP
 * server on 127.0.0.1 answers 200, and this same process sends it sequential GETs over one
 * keep-alive connection for as long as the work runs (bounded in count and time). Whatever the
 * work does to the event loop shows up as request latency.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { median } from './measure.js';

export interface LatencyStats {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How long the work ran (ms); for the idle baseline, how long the requests took. */
  workMs: number;
}

export interface LatencyOptions {
  maxRequests?: number;
  maxMs?: number;
  /**
   * Start measuring only when the work calls `started()` (e.g. a run in a worker thread reports
   * `running` once its thread has loaded), so start-up is not mistaken for the run.
   */
  waitForStart?: boolean;
}

/** The work to load the loop with; calls `started()` when it is really running (see waitForStart). */
export type Work = (started: () => void) => Promise<unknown>;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Starts the server and returns a `get()` that times one request, and a `close()`. */
export async function latencyProbe(): Promise<{ get(): Promise<number>; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t0));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  const close = async (): Promise<void> => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { get, close };
}

/**
 * Runs `work` and, while it runs, sends sequential GETs (at most `maxRequests`, for at most
 * `maxMs`); then waits for the work to finish. Without work (`work` = null) it measures an idle
 * loop for `maxRequests` requests: the baseline.
 */
export async function latencyDuring(work: Work | null, opts: LatencyOptions = {}): Promise<LatencyStats> {
  const maxRequests = opts.maxRequests ?? 5_000;
  const maxMs = opts.maxMs ?? 10_000;
  const probe = await latencyProbe();
  try {
    for (let i = 0; i < 20; i++) await probe.get(); // warm the connection and the code
    const times: number[] = [];
    let done = work === null;
    let failure: unknown;
    let signalStart = () => {};
    const start = new Promise<void>((resolve) => {
      signalStart = resolve;
    });
    let t0 = performance.now();
    const running = work
      ? work(() => signalStart()).then(
          () => {
            done = true;
            signalStart();
          },
          (err: unknown) => {
            done = true;
            failure = err;
            signalStart();
          },
        )
      : Promise.resolve();
    if (work && opts.waitForStart) {
      await start;
      t0 = performance.now();
    }
    // Measure at least one request, so a work that never yields shows up as one long request.
    do {
      times.push(await probe.get());
    } while ((work === null || !done) && times.length < maxRequests && performance.now() - t0 < maxMs);
    await running;
    const workMs = performance.now() - t0;
    if (failure !== undefined) throw failure;
    const sorted = times.sort((a, b) => a - b);
    return {
      requests: sorted.length,
      p50Ms: median(sorted),
      p99Ms: quantile(sorted, 0.99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
      workMs,
    };
  } finally {
    await probe.close();
  }
}
