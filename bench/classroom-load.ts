/**
 * A class at once (issue 19), as a load script, not a test: a throw-away nats-server and
 * Postgres, 2 runners (SLUICE_RUNNER_SLOTS=20 each) and 2 stateless instances (SLUICE_CLUSTER=1),
 * all real processes on 127.0.0.1. It saves a lesson graph, starts 40 runs of it through both
 * instances at once, connects 200 watching sockets spread over both instances (each run watched
 * through both), and for ~60 s polls GET /api/runs/:id on either instance. Prints frames per
 * watcher per second (min / median), p99 REST latency (starts, polls, stops), errors, and each
 * process's peak RSS (VmHWM).
 *
 * `npm run bench:classroom` (builds first: the processes run the built server). Environment:
 * CLASSROOM_SECONDS (60, at most 600), CLASSROOM_RUNS (40, ≤ 200), CLASSROOM_WATCHERS (200,
 * ≤ 1000), CLASSROOM_RAMP_S (20: the starts are spread over it; 0 = all at once), CLASSROOM_INSTANCES=1 for one ordinary instance (no SLUICE_CLUSTER) on the same
 * runners, the lesson pinned to them with `process`.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type BuiltProcess, startBuiltRunner, startBuiltServer } from '../e2e/built-server.js';
import { startNats } from '../server/test-helpers/nats-server.js';
import { startPostgres } from '../server/test-helpers/postgres.js';
import { childrenOf, peakRssMb, pidsListeningWith, quantile } from './classroom-stats.js';
import type { FromWatchers, ToWatchers, WatchPlan } from './classroom-watchers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bounded = (name: string, fallback: number, max: number) =>
  Math.min(max, Math.max(1, Math.round(Number(process.env[name] ?? fallback) || fallback)));
const SECONDS = bounded('CLASSROOM_SECONDS', 60, 600);
const RUNS = bounded('CLASSROOM_RUNS', 40, 200);
const WATCHERS = bounded('CLASSROOM_WATCHERS', 200, 1000);
const CLUSTER = process.env.CLASSROOM_INSTANCES !== '1';
// Students click Run over some seconds, not in one instant: 40 worker threads asked for at once
// on a loaded machine did not start within a part's start timeout (39 of 40 failed at load 30).
const RAMP_MS = Math.min(120, Math.max(0, Number(process.env.CLASSROOM_RAMP_S ?? 20) || 0)) * 1000;
const SLOTS = Math.ceil(RUNS / 2);

const errors = new Map<string, number>();
const countError = (kind: string) => errors.set(kind, (errors.get(kind) ?? 0) + 1);
const say = (msg: string) => process.stderr.write(`classroom: ${msg}\n`);

/** One timed JSON request; a failure is counted by kind, never thrown. */
async function timed(
  into: number[],
  method: string,
  url: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await res.json()) as Record<string, unknown>;
    into.push(performance.now() - t0);
    if (res.status >= 400) countError(`${method} ${res.status} ${String(json.error)}`);
    return { status: res.status, json };
  } catch (err) {
    countError(`${method} ${err instanceof Error ? err.name : 'failed'}`);
    return { status: 0, json: {} };
  }
}

const procs: { name: string; pid: number }[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  cleanups.length = 0;
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'sluice-classroom-'));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  say('starting nats-server and Postgres');
  const nats = await startNats();
  cleanups.push(() => nats.stop());
  const pg = await startPostgres();
  cleanups.push(() => pg.stop());
  const databaseUrl = await pg.database('sluice_classroom');

  const started: BuiltProcess[] = [];
  cleanups.push(() => Promise.all(started.map((p) => p.stop())));
  say('starting 2 runners');
  for (const id of ['runner-a', 'runner-b']) {
    const dataDir = path.join(tmp, id);
    const r = await startBuiltRunner({
      SLUICE_NATS_URL: nats.url,
      SLUICE_RUNNER_ID: id,
      SLUICE_RUNNER_SLOTS: String(SLOTS),
      DATA_DIR: dataDir,
    });
    started.push(r);
    procs.push({ name: id, pid: r.child.pid! });
  }
  const instances: string[] = [];
  const names = CLUSTER ? ['instance-a', 'instance-b'] : ['instance'];
  say(`starting ${names.length} instance(s)${CLUSTER ? ' with SLUICE_CLUSTER=1' : ' (single, no cluster)'}`);
  for (const name of names) {
    const s = await startBuiltServer({
      ...(CLUSTER ? { SLUICE_CLUSTER: '1', SLUICE_INSTANCE_ID: name } : { SLUICE_MAX_RUNS: String(RUNS) }),
      SLUICE_NATS_URL: nats.url,
      DATABASE_URL: databaseUrl,
      DATA_DIR: path.join(tmp, name),
      SLUICE_MAX_CONNECTIONS_PER_IP: String(WATCHERS + 200),
    });
    started.push(s);
    instances.push(s.url);
    procs.push({ name, pid: s.child.pid! });
  }
  const at = (i: number) => instances[i % instances.length]!;

  // The lesson, saved once; each student runs their own copy of the saved graph by id.
  const lesson = JSON.parse(readFileSync(path.join(root, 'examples/slow-consumer.json'), 'utf8'));
  // One instance without SLUICE_CLUSTER runs plain graphs in its own threads: pinned to the runners.
  if (!CLUSTER) for (const n of lesson.nodes) n.process = 'lesson';
  const misc: number[] = [];
  const saved = await timed(misc, 'POST', `${at(0)}/api/graphs`, lesson);
  if (saved.status !== 201) throw new Error(`saving the lesson: ${JSON.stringify(saved.json)}`);
  const opened = await timed(misc, 'GET', `${at(1)}/api/graphs/${String(saved.json.slug)}`);
  if (opened.status !== 200) throw new Error(`opening the lesson on the other instance: ${opened.status}`);

  say(`starting ${RUNS} runs across ${instances.length} instance(s)`);
  const startMs: number[] = [];
  const starts = await Promise.all(
    Array.from({ length: RUNS }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (RAMP_MS * i) / RUNS));
      return timed(startMs, 'POST', `${at(i)}/api/runs`, {
        graphId: saved.json.id,
        telemetryHz: 10,
        keepRunning: true,
      });
    }),
  );
  // `home`: the instance that started (coordinates) the run.
  const runs = starts
    .map((s, i) => ({ s, home: i % instances.length }))
    .filter(({ s }) => s.status === 201)
    .map(({ s, home }) => ({
      home,
      runId: String(s.json.runId),
      runToken: String(s.json.runToken),
      watchToken: String(s.json.watchToken),
    }));
  let stopped = false;
  cleanups.push(async () => {
    if (!stopped)
      await Promise.all(
        runs.map((r, k) =>
          timed([], 'POST', `${at(k)}/api/runs/${r.runId}/stop`, { mode: 'abort' }, r.runToken),
        ),
      );
  });
  if (runs.length === 0) throw new Error(`no run started: ${JSON.stringify(starts[0]?.json)}`);

  say(`connecting ${WATCHERS} watchers`);
  const watchers = fork(path.join(root, 'bench/classroom-watchers.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  cleanups.push(async () => {
    if (watchers.exitCode === null) watchers.send({ type: 'exit' } satisfies ToWatchers);
    await new Promise((r) => setTimeout(r, 500));
    watchers.kill('SIGKILL');
  });
  procs.push({ name: `watchers (${WATCHERS} sockets)`, pid: watchers.pid! });
  const ask = (m: ToWatchers) =>
    new Promise<FromWatchers>((resolve) => {
      watchers.once('message', (r: FromWatchers) => resolve(r));
      watchers.send(m);
    });
  // Run r is watched through every instance in turn: client i watches run i mod RUNS on instance ⌊i / RUNS⌋.
  const plan: WatchPlan[] = Array.from({ length: WATCHERS }, (_, i) => {
    const run = runs[i % runs.length]!;
    return { url: at(Math.floor(i / runs.length)), runId: run.runId, token: run.watchToken };
  });
  const ready = await ask({ type: 'watch', plan });
  if (ready.type === 'error') throw new Error(ready.message);
  if (ready.type === 'ready' && ready.refused.length > 0) say(`refused: ${ready.refused.join('; ')}`);

  const before = await ask({ type: 'count' });
  const t0 = performance.now();
  const pollMs: number[] = [];
  say(`watching for ${SECONDS} s while polling GET /api/runs/:id`);
  let i = 0;
  while (performance.now() - t0 < SECONDS * 1000) {
    const run = runs[i % runs.length]!;
    await timed(pollMs, 'GET', `${at(i + 1)}/api/runs/${run.runId}`, undefined, run.runToken);
    i++;
    await new Promise((r) => setTimeout(r, 50));
  }
  const after = await ask({ type: 'count' });
  const seconds = (performance.now() - t0) / 1000;
  if (before.type !== 'count' || after.type !== 'count') throw new Error('the watchers did not answer');
  const rates = after.frames.map((f, k) => (f - (before.frames[k] ?? 0)) / seconds);
  for (const [kind, n] of Object.entries(after.errors)) errors.set(`socket ${kind}`, n);
  const finals = await Promise.all(
    runs.map((r, k) => timed([], 'GET', `${at(k)}/api/runs/${r.runId}`, undefined, r.runToken)),
  );
  for (const { json } of finals.filter((g) => g.json.status !== 'running')) {
    const why = (json.error as { message?: string } | undefined)?.message ?? String(json.reason ?? '');
    // One line per kind of failure, not per run: run ids taken out.
    countError(
      `run ${String(json.status)} before the end: ${why.replace(/part [\w-]+\//g, 'part <run>/').slice(0, 160)}`,
    );
  }

  // Watcher k watches run k mod R through instance ⌊k / R⌋ mod n.
  const running = (k: number) => finals[k % runs.length]?.json.status === 'running';
  const remote = (k: number) =>
    Math.floor(k / runs.length) % instances.length !== runs[k % runs.length]!.home;
  const spread = (v: number[]) => ({
    watchers: v.length,
    min: v.length ? Math.round(Math.min(...v) * 10) / 10 : null,
    median: v.length ? Math.round(quantile(v, 0.5) * 10) / 10 : null,
  });

  const stopMs: number[] = [];
  await Promise.all(
    runs.map((r, k) =>
      timed(stopMs, 'POST', `${at(k + 1)}/api/runs/${r.runId}/stop`, { mode: 'abort' }, r.runToken),
    ),
  );
  stopped = true;

  // Found by their command line (the helpers keep their pids to themselves).
  for (const pid of pidsListeningWith('nats-server', nats.port)) procs.push({ name: 'nats-server', pid });
  const postmaster = pidsListeningWith('postgres', pg.port)[0];
  const memory = procs.map(({ name, pid }) => ({ name, peakRssMb: peakRssMb(pid) }));
  if (postmaster === undefined) countError('postmaster not found in /proc');
  if (postmaster !== undefined) {
    memory.push({ name: 'postgres (postmaster)', peakRssMb: peakRssMb(postmaster) });
    const backends = childrenOf(postmaster)
      .map(peakRssMb)
      .filter((m): m is number => m !== null);
    memory.push({
      name: `postgres (largest of ${backends.length} children)`,
      peakRssMb: Math.max(0, ...backends),
    });
  }
  memory.push({ name: 'this script', peakRssMb: peakRssMb(process.pid) });

  const ms = (v: number) => Math.round(v * 10) / 10;
  const report = {
    mode: CLUSTER ? '2 instances (SLUICE_CLUSTER=1), 2 runners' : '1 instance (no cluster), 2 runners',
    runs: { asked: RUNS, started: runs.length },
    watchers: WATCHERS,
    seconds: Math.round(seconds),
    framesPerWatcherPerSecond: {
      all: spread(rates),
      // Watchers of runs still running at the end, and of those the ones on the other instance
      // than the run's coordinator (frames relayed over NATS).
      ofRunningRuns: spread(rates.filter((_, k) => running(k))),
      ofRunningRunsViaOtherInstance: spread(rates.filter((_, k) => running(k) && remote(k))),
    },
    restMs: {
      start: { n: startMs.length, p50: ms(quantile(startMs, 0.5)), p99: ms(quantile(startMs, 0.99)) },
      poll: { n: pollMs.length, p50: ms(quantile(pollMs, 0.5)), p99: ms(quantile(pollMs, 0.99)) },
      stop: { n: stopMs.length, p50: ms(quantile(stopMs, 0.5)), p99: ms(quantile(stopMs, 0.99)) },
    },
    errors: Object.fromEntries(errors),
    errorCount: [...errors.values()].reduce((a, b) => a + b, 0),
    peakRssMb: Object.fromEntries(memory.map((m) => [m.name, m.peakRssMb])),
  };
  console.log(JSON.stringify(report, null, 2));
}

// Bounded in time whatever happens: start-up, the watch and the clean-up.
const watchdog = setTimeout(
  () => {
    say('took too long: cleaning up');
    void cleanUp().finally(() => process.exit(2));
  },
  (SECONDS + 900) * 1000,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
main()
  .catch((err: unknown) => {
    say(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    clearTimeout(watchdog);
  });
