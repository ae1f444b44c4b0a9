/**
 * The measurement method of docs/performance.md: whole runs timed from outside the measured code,
 * probes and a warm-up first, `gc()` between runs, N repetitions interleaved across implementations
 * and reported as median and min–max,
 * and every run's checksum checked so that a fast wrong answer never wins.
 *
 * While a run is timed, a 5 ms `setInterval` on the run's thread records its longest gap (how long
 * telemetry, HTTP and socket.io would have been frozen), and a sampler thread records the process's
 * peak RSS (it must be another thread: most peers never let a timer of this one fire).
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Checksum } from './peers/workload.js';
import { watchStalls } from './stall-watch.js';

export interface BenchConfig {
  /** Items per run (`BENCH_N`, default 2,000,000 as in performance.md). */
  n: number;
  /** Timed repetitions (`BENCH_REPS`, default 5: ratios are medians of per-round ratios). */
  reps: number;
  /** A peer slower than N / this many seconds runs fewer items (`BENCH_MAX_RUN_S`, default 2). */
  maxRunS: number;
  /** Items in the two probe runs that estimate a peer's rate (`BENCH_PROBE_N`, default 50,000). */
  probeN: number;
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw.replaceAll('_', ''));
  if (!Number.isFinite(v) || v <= 0)
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return v;
}

export function configFromEnv(): BenchConfig {
  const n = Math.round(envNumber('BENCH_N', 2_000_000));
  return {
    n,
    reps: Math.max(1, Math.round(envNumber('BENCH_REPS', 5))),
    maxRunS: envNumber('BENCH_MAX_RUN_S', 2),
    probeN: Math.min(n, Math.round(envNumber('BENCH_PROBE_N', 50_000))),
  };
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** True when the process was started with `--expose-gc` (as `npm run bench` does). */
export const hasGc = typeof gc === 'function';

/** Collects garbage twice (the second pass frees what finalisers of the first released). */
export function collect(): void {
  if (gc) {
    gc();
    gc();
  }
}

// --- peak RSS, sampled from another thread -------------------------------------------------------

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new Float64Array(workerData);
setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; }, 5);
`;

let sampler: { worker: Worker; peak: Float64Array } | undefined;

function rssSampler(): { worker: Worker; peak: Float64Array } {
  if (!sampler) {
    const sab = new SharedArrayBuffer(8);
    const worker = new Worker(SAMPLER, { eval: true, workerData: sab });
    worker.unref();
    sampler = { worker, peak: new Float64Array(sab) };
  }
  return sampler;
}

/** Stops the RSS sampler thread (the bench calls it once at the end). */
export async function stopSampler(): Promise<void> {
  if (sampler) await sampler.worker.terminate();
  sampler = undefined;
}

// --- one timed run --------------------------------------------------------------------------------

export interface RunSample {
  ms: number;
  /** Longest gap of the 5 ms interval during the run, including the time up to its end. */
  stallMs: number;
  /** GC pauses inside that gap, ms. */
  stallGcMs: number;
  /** Peak RSS during the run minus RSS just before it (after gc), MB. */
  rssGrowthMB: number;
  result: Checksum;
}

/** Times one run of `run(n)` after a gc, with the stall watch and the RSS sampler on. */
export async function timeRun(run: (n: number) => Promise<Checksum>, n: number): Promise<RunSample> {
  const s = rssSampler();
  collect();
  const before = process.memoryUsage.rss();
  s.peak[0] = before;
  const stopWatch = watchStalls();
  const t0 = performance.now();
  const result = await run(n);
  const ms = performance.now() - t0;
  const stall = await stopWatch();
  const peak = Math.max(s.peak[0]!, process.memoryUsage.rss());
  return { ms, stallMs: stall.ms, stallGcMs: stall.gcMs, rssGrowthMB: (peak - before) / 1e6, result };
}

// --- a measurement: probe, warm-up, repetitions -----------------------------------------------------

/** Returns null when the checksum is right, else what is wrong. */
export type Check = (n: number, got: Checksum) => string | null;

/** Checks count and sum against the reference. */
export function checkExact(expected: (n: number) => Checksum): Check {
  return (n, got) => {
    const want = expected(n);
    if (got.count === want.count && got.sum === want.sum) return null;
    return `checksum mismatch: got count ${got.count} sum ${got.sum}, expected count ${want.count} sum ${want.sum}`;
  };
}

export interface Measurement {
  /** Items per timed run (may be below the configured N for a slow or capped peer). */
  n: number;
  /** items/s of each timed run. */
  rates: number[];
  median: number;
  min: number;
  max: number;
  /** Median ms per run. */
  medianMs: number;
  /** Worst stall over the timed runs, ms. */
  stallMs: number;
  /** GC pauses inside that worst stall, ms. */
  stallGcMs: number;
  /** Largest RSS growth over the timed runs, MB. */
  rssGrowthMB: number;
  /** Why n is below N, if it is. */
  note?: string;
}

export type Outcome = { ok: true; m: Measurement } | { ok: false; error: string };

/** One thing to measure: a row of a table (or its baseline variant). */
export interface Job {
  key: string;
  run: (n: number) => Promise<Checksum>;
  check: Check;
  /** A hard cap on n for this job, with the reason printed next to its row. */
  cap?: { maxN: number; why: string } | undefined;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function roundItems(n: number): number {
  return n >= 10_000 ? Math.floor(n / 1000) * 1000 : Math.max(1, Math.floor(n));
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Two probes on a few items estimate the job's rate (the first runs cold); a job that would take
 * longer than `maxRunS` per run gets fewer items; then one warm-up at the chosen size.
 */
async function prepare(
  job: Job,
  cfg: BenchConfig,
): Promise<{ n: number; note?: string } | { error: string }> {
  const capN = job.cap ? Math.min(cfg.n, job.cap.maxN) : cfg.n;
  const probeN = Math.min(cfg.probeN, capN);
  let probeMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 2; i++) {
    const probe = await timeRun(job.run, probeN);
    const wrong = job.check(probeN, probe.result);
    if (wrong) return { error: wrong };
    probeMs = Math.min(probeMs, probe.ms);
  }
  const n = Math.min(capN, Math.max(probeN, roundItems((probeN / probeMs) * 1000 * cfg.maxRunS)));
  if (n > probeN) {
    const warm = await timeRun(job.run, n);
    const wrong = job.check(n, warm.result);
    if (wrong) return { error: wrong };
  }
  if (n >= cfg.n) return { n };
  const note =
    job.cap && n === job.cap.maxN
      ? `capped at ${fmtCount(n)} items: ${job.cap.why}`
      : `${fmtCount(n)} items (≈${cfg.maxRunS} s per run at its rate)`;
  return { n, note };
}

/**
 * Measures jobs side by side: each is prepared (probes, size, warm-up), then the timed runs are
 * interleaved — repetition 1 of every job, then repetition 2, … — so that a burst of outside load
 * (the machine is shared) falls on all rows alike instead of on one. A wrong checksum or an error
 * takes the job out with the reason.
 */
export async function measureJobs(
  jobs: Job[],
  cfg: BenchConfig,
  onProgress: (msg: string) => void = () => {},
): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  const live: Array<{ job: Job; n: number; note?: string; samples: RunSample[] }> = [];
  for (const job of jobs) {
    onProgress(`${job.key}: warm-up`);
    try {
      const p = await prepare(job, cfg);
      if ('error' in p) out.set(job.key, { ok: false, error: p.error });
      else live.push({ job, ...p, samples: [] });
    } catch (err) {
      out.set(job.key, { ok: false, error: message(err) });
    }
  }
  for (let r = 0; r < cfg.reps; r++) {
    for (const l of live) {
      if (out.has(l.job.key)) continue;
      onProgress(`${l.job.key}: run ${r + 1}/${cfg.reps}`);
      try {
        const s = await timeRun(l.job.run, l.n);
        const wrong = l.job.check(l.n, s.result);
        if (wrong) out.set(l.job.key, { ok: false, error: wrong });
        else l.samples.push(s);
      } catch (err) {
        out.set(l.job.key, { ok: false, error: message(err) });
      }
    }
  }
  for (const { job, n, note, samples } of live) {
    if (out.has(job.key)) continue;
    const rates = samples.map((s) => n / (s.ms / 1000));
    const worstStall = samples.reduce((w, s) => (s.stallMs > w.stallMs ? s : w));
    const m: Measurement = {
      n,
      rates,
      median: median(rates),
      min: Math.min(...rates),
      max: Math.max(...rates),
      medianMs: median(samples.map((s) => s.ms)),
      stallMs: worstStall.stallMs,
      stallGcMs: worstStall.stallGcMs,
      rssGrowthMB: Math.max(...samples.map((s) => s.rssGrowthMB)),
    };
    if (note !== undefined) m.note = note;
    out.set(job.key, { ok: true, m });
  }
  return out;
}

// --- formatting ---------------------------------------------------------------------------------------

export function fmtCount(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(n);
}

/** A throughput ratio against a baseline in words: `0.959` → "4.1 % slower", `1.02` → "2.0 % faster". */
export function fmtChange(ratio: number): string {
  const pct = (1 - ratio) * 100;
  return pct >= 0 ? `${pct.toFixed(1)} % slower` : `${(-pct).toFixed(1)} % faster`;
}

/** items/s with three significant digits: 26.4 M, 893 k, 74.1 k. */
export function fmtRate(r: number): string {
  if (r >= 1e6) return `${(r / 1e6).toPrecision(3)} M`;
  if (r >= 1e3) return `${(r / 1e3).toPrecision(3)} k`;
  return r.toPrecision(3);
}
