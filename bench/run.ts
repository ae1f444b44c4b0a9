/**
 * `npm run bench`: Sluice against its peers, side by side in one process run.
 * Method and reference numbers: docs/performance.md. Env: BENCH_N (items, default 2,000,000),
 * BENCH_REPS (5), BENCH_MAX_RUN_S (2: slower peers run fewer items), BENCH_PROBE_N (50,000), BENCH_ONLY
 * (a,c: the runtime rows and their targets only); the
 * fan-out section's in fanout.ts; BENCH_NATS_N (50,000) in nats.ts. Sections alone: `node dist/bench/bench/expr-rate.js`, `…/fanout.js`.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { formatExprRates, measureExprRates } from './expr-rate.js';
import { fanoutConfigFromEnv, formatFanout, measureFanout } from './fanout.js';
import { latencyDuring, type Work } from './http-latency.js';
import {
  type BenchConfig,
  type Check,
  checkExact,
  configFromEnv,
  fmtCount,
  fmtRate,
  hasGc,
  type Job,
  measureJobs,
  median,
  type Outcome,
  stopSampler,
} from './measure.js';
import { measureNats } from './nats.js';
import { measureNatsReplicas } from './nats-replicas.js';
import { allPeers, BASELINE } from './peers/index.js';
import { syncLoop } from './peers/sync-loop.js';
import { type Checksum, expectedA, expectedC, type Peer, spinResult } from './peers/workload.js';
import { formatRecorder, measureRecorder } from './recorder.js';
import { loadSluice, type SluiceBench, type Workload } from './sluice.js';
import { formatTargets, pct, ratio, type Target, target } from './targets.js';
import { formatTelemetryCost, measureTelemetryCost, type TelemetryCost } from './telemetry-cost.js';

/** One row of the tables: a peer, or Sluice (which may be unavailable for a workload). */
interface Contender {
  name: string;
  run(w: Workload, n: number, stages: number): Promise<Checksum>;
  /** Why this contender cannot run a workload, if it cannot. */
  unavailable(w: Workload, stages: number): string | null;
  check(expected: (n: number) => Checksum): Check;
  cap(w: Workload): { maxN: number; why: string } | undefined;
  /** Extra words for the notes column. */
  note(w: Workload): string | undefined;
  /** False when B runs a stand-in for the slow sink: no ratio is shown then (it would compare different work). */
  sameSinkInB: boolean;
}

function peerContender(p: Peer): Contender {
  return {
    name: p.name,
    run: (w, n, stages) => (w === 'a' ? p.a(n) : w === 'b' ? p.b(n) : p.c(n, stages)),
    unavailable: () => null,
    check: checkExact,
    cap: (w) => p.caps?.[w],
    note: () => undefined,
    sameSinkInB: true,
  };
}

/** Periodic telemetry frames against the periods the runs lasted (final frames not counted). */
function telemetryNote(s: SluiceBench, w: Workload): string {
  if (s.telemetryHz === 0) return 'telemetry off';
  const { frames, due } = s.telemetry(w);
  // At N = 2 M a run of A or C is over before its first period: its cost is measured apart, below.
  if (due === 0 && frames === 0) return 'runs end before a telemetry period: no periodic frame';
  return `telemetry ${frames} of ${due} periodic frames`;
}

function sluiceContender(s: SluiceBench): Contender {
  return {
    name: s.name,
    run: (w, n, stages) => s.run(w, n, stages),
    unavailable: (w, stages) => s.unavailable(w, stages),
    // The counter does not sum values: only the delivered count can be checked.
    check: (expected) => (n, got) => {
      const want = expected(n).count;
      return got.count === want ? null : `count mismatch: delivered ${got.count}, expected ${want}`;
    },
    cap: () => undefined,
    sameSinkInB: false,
    note: (w) => {
      const parts = ['count checked (counter does not sum)', telemetryNote(s, w)];
      if (w === 'b') {
        parts.push(
          'not the same sink, so no ratio: a worker { serviceTimeMs: 0.0005 } simulates the service time ' +
            '(no CPU spin, no await per item; no kind runs user code)',
        );
      }
      return parts.join('; ');
    },
  };
}

// --- tables -----------------------------------------------------------------------------------------

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || header[i] === 'notes' ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function rateCell(o: Outcome): string {
  if (!o.ok) return '';
  return `${fmtRate(o.m.median)} (${fmtRate(o.m.min)}–${fmtRate(o.m.max)})`;
}

/**
 * The median over the timed rounds of each round's ratio to the baseline. A round runs every row
 * once, one after another, so a slow or fast phase of the machine (they last seconds here) falls
 * on both sides of a ratio; the ratio of the two medians can pair a fast phase with a slow one.
 */
function pairedRatio(o: Outcome | undefined, base: Outcome | undefined): number | undefined {
  if (!o?.ok || !base?.ok) return undefined;
  const rounds = Math.min(o.m.rates.length, base.m.rates.length);
  return median(Array.from({ length: rounds }, (_, i) => o.m.rates[i]! / base.m.rates[i]!));
}

function ratioCell(o: Outcome, base: Outcome | undefined, comparable = true): string {
  const ratio = comparable ? pairedRatio(o, base) : undefined;
  return ratio === undefined ? '' : `${ratio.toFixed(2)}×`;
}

/** What 10 Hz sampling costs on a workload, over runs long enough to sample (telemetry-cost.ts). */
async function telemetryCost(
  results: Map<string, Outcome>,
  on: SluiceBench,
  off: SluiceBench,
  w: Workload,
  stages: number,
  cfg: BenchConfig,
): Promise<{ text: string; cost?: TelemetryCost }> {
  const row = results.get(off.name);
  if (!row?.ok) return { text: '' };
  progress(`telemetry cost ${w.toUpperCase()}…`);
  try {
    const cost = await measureTelemetryCost(on, off, w, stages, row.m.median, cfg.reps);
    return { text: formatTelemetryCost(cost), cost };
  } catch (err) {
    return { text: `telemetry cost: n/a: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    progress('');
  }
}

/** What following one in 1000 items costs on A: the traced row against the plain one, round by round. */
function tracingCost(results: Map<string, Outcome>, plain: SluiceBench, traced: SluiceBench): string {
  const ratio = pairedRatio(results.get(traced.name), results.get(plain.name));
  if (ratio === undefined) return 'tracing cost: n/a';
  return (
    `tracing 1 in 1000 (issue 18): ${ratio.toFixed(3)}× the plain row's items/s, paired median ` +
    `(${((1 - ratio) * 100).toFixed(1)} % of throughput; target ≤ 5 %); ${traced.tracesDone()} traces ended over its runs`
  );
}

function stallCell(o: Outcome): string {
  return o.ok ? o.m.stallMs.toFixed(o.m.stallMs < 100 ? 1 : 0) : '';
}

function notesCell(o: Outcome, extra: string | undefined): string {
  if (!o.ok) return `n/a: ${o.error}`;
  return [o.m.note, extra].filter((x) => x !== undefined).join('; ');
}

function progress(msg: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${msg}`);
}

/** (ns/item with 10 maps − ns/item with none) / 10 for a row of C, or undefined. */
function hopNs(cc: Map<string, Outcome>, name: string): number | undefined {
  const o = cc.get(name);
  const z = cc.get(`${name}/0`);
  if (!o?.ok || !z?.ok) return undefined;
  return (1e9 / o.m.median - 1e9 / z.m.median) / 10;
}

/** Measures every contender on one workload; for C, with `stages` maps and with none (keys `name/0`). */
async function measureAll(
  contenders: Contender[],
  cfg: BenchConfig,
  w: Workload,
  stageVariants: number[],
  expected: (n: number) => Checksum,
): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  const jobs: Job[] = [];
  for (const c of contenders) {
    for (const stages of stageVariants) {
      const key = stages === stageVariants[0] ? c.name : `${c.name}/${stages}`;
      const why = c.unavailable(w, stages);
      if (why !== null) out.set(key, { ok: false, error: why });
      else jobs.push({ key, run: (n) => c.run(w, n, stages), check: c.check(expected), cap: c.cap(w) });
    }
  }
  const label = `${w.toUpperCase()}${w === 'c' ? ` (${stageVariants.join(' and ')} maps)` : ''}`;
  for (const [k, o] of await measureJobs(jobs, cfg, (msg) => progress(`${label} ${msg}…`))) out.set(k, o);
  progress('');
  return out;
}

function loadavg(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

// --- main -------------------------------------------------------------------------------------------

/** BENCH_ONLY=a,c (say): only those sections; `rest` = everything after C. Unset: all of them. */
const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
const want = (section: string) => only === undefined || only.includes(section);

async function main(): Promise<void> {
  const started = performance.now();
  const cfg = configFromEnv();
  const cpus = os.cpus();
  console.log('Sluice benchmark (docs/performance.md method: one process, side by side, medians and ranges)');
  console.log(
    `machine: node ${process.version}, V8 ${process.versions.v8}, ${os.platform()} ${os.arch()}, ` +
      `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
      `load average ${loadavg()} (other work on the machine shows up as noise)`,
  );
  console.log(
    `config: N = ${fmtCount(cfg.n)} items, ${cfg.reps} timed runs after two probes (${fmtCount(cfg.probeN)}) and a warm-up, ` +
      `≤ ${cfg.maxRunS} s per run, gc between runs: ${hasGc ? 'yes' : 'NO (run with --expose-gc)'}`,
  );
  console.log(
    'stall = longest gap of a 5 ms setInterval on the run’s thread during a run (includes the 5 ms).',
  );
  console.log(
    `× ${BASELINE} = median over the ${cfg.reps} rounds of that round's ratio (a round times every row once, in turn).`,
  );
  console.log(
    'Sluice rows keep their previous run until the next one ends; with nothing held, the gc() between runs ' +
      'frees the hidden classes the optimised runtime code relies on (README: what that costs).',
  );

  const sluice = await loadSluice();
  const contenders: Contender[] = allPeers().map(peerContender);
  if (sluice.ok) contenders.push(sluiceContender(sluice.bench));
  else console.log(`Sluice: n/a: ${sluice.error}`);
  // The same runs with sampling off: the difference is what telemetry costs.
  const quiet = await loadSluice(0);
  if (quiet.ok) contenders.push(sluiceContender(quiet.bench));
  // The same graphs with every edge at capacity 1024, as a user tuning for throughput sets them
  // (Node streams is measured at hwm 16 and 1024 alike): fewer, larger hand-offs per item.
  const tuned = await loadSluice(undefined, 1024);
  if (tuned.ok) contenders.push(sluiceContender(tuned.bench));
  // Issue 18: the same runs of A following one in 1000 items; its ratio to the plain row is the cost.
  const tracing = await loadSluice(undefined, undefined, 1000);
  if (tracing.ok) contenders.push(sluiceContender(tracing.bench));
  // Issue 21: the same runs with every fusable edge fused (the run option `fuse: true`), edges at 64.
  const fused = await loadSluice(undefined, undefined, undefined, true);
  if (fused.ok) contenders.push(sluiceContender(fused.bench));
  const targets: Target[] = [];

  // A
  const a = await measureAll(contenders, cfg, 'a', [0], expectedA);
  const baseA = a.get(BASELINE);
  console.log(`\nA) source → map value * 2 → filter id % 2 == 0 → counter (N = ${fmtCount(cfg.n)})`);
  console.log(
    table(
      ['implementation', 'items/s median (min–max)', `× ${BASELINE}`, 'stall ms', 'notes'],
      contenders.map((c) => {
        const o = a.get(c.name)!;
        return [c.name, rateCell(o), ratioCell(o, baseA), stallCell(o), notesCell(o, c.note('a'))];
      }),
    ),
  );
  const telA =
    sluice.ok && quiet.ok ? await telemetryCost(a, sluice.bench, quiet.bench, 'a', 0, cfg) : undefined;
  if (telA) console.log(telA.text);
  if (sluice.ok && tracing.ok) console.log(tracingCost(a, sluice.bench, tracing.bench));
  const sync = a.get(syncLoop.name);
  const aPlain = sluice.ok ? a.get(sluice.bench.name) : undefined;
  const aFused = fused.ok ? a.get(fused.bench.name) : undefined;
  targets.push(
    target('A, edges 64, × Node streams hwm 16', pairedRatio(aPlain, baseA), ratio, '≥', 7),
    target('A, edges 64, fused, × Node streams hwm 16', pairedRatio(aFused, baseA), ratio, '≥', 12),
    target('A, edges 64, fused, share of the sync loop', pairedRatio(aFused, sync), pct, '≥', 0.6),
    {
      what: 'A, edges 64, unfused, share of the sync loop',
      measured: pct(pairedRatio(aPlain, sync)),
      goal: 'reported',
      met: undefined,
    },
  );
  const traced = tracing.ok ? pairedRatio(a.get(tracing.bench.name), aPlain) : undefined;
  targets.push(
    target('tracing 1 in 1000, cost on A', traced === undefined ? undefined : 1 - traced, pct, '≤', 0.05),
  );
  // Judged only over runs that emitted the 20 frames issue 21 asks for.
  const telCost = (t: { cost?: TelemetryCost } | undefined, w: string) => {
    if (!t?.cost) return undefined;
    const enough = t.cost.framesPerRun >= 20;
    const row = target(`telemetry 10 Hz, cost on ${w}`, 1 - t.cost.ratio, pct, '≤', 0.03);
    row.note = `${t.cost.framesPerRun} frames per run${enough ? '' : ': too few to judge (≥ 20 needed)'}`;
    if (!enough) row.met = undefined;
    return row;
  };
  const telTarget = telCost(telA, 'A');
  if (telTarget) targets.push(telTarget);

  // B (BENCH_ONLY=ac skips it and everything after C: the runtime's rows alone)
  if (want('b')) {
    const b = await measureAll(contenders, cfg, 'b', [0], expectedA);
    const baseB = b.get(BASELINE);
    console.log(
      `\nB) workload A into a slow sink (CPU spin + one awaited resolved promise per item; N = ${fmtCount(cfg.n)})\n` +
        'peak RSS growth = peak RSS during a run (sampled every 5 ms by another thread) − RSS after gc just before it',
    );
    console.log(
      table(
        [
          'implementation',
          'items/s median (min–max)',
          `× ${BASELINE}`,
          'stall ms',
          'peak RSS growth MB',
          'notes',
        ],
        contenders.map((c) => {
          const o = b.get(c.name)!;
          return [
            c.name,
            rateCell(o),
            ratioCell(o, baseB, c.sameSinkInB),
            stallCell(o),
            o.ok ? o.m.rssGrowthMB.toFixed(1) : '',
            notesCell(o, c.note('b')),
          ];
        }),
      ),
    );
  }

  // C
  const cc = await measureAll(contenders, cfg, 'c', [10, 0], expectedC);
  const baseC = cc.get(BASELINE);
  console.log(
    `\nC) source → 10 identity maps → counter (N = ${fmtCount(cfg.n)}); ns per hop = (ns/item with 10 maps − ns/item with none) / 10`,
  );
  console.log(
    table(
      [
        'implementation',
        'items/s median (min–max)',
        `× ${BASELINE}`,
        'ns/item',
        'ns per hop',
        'stall ms',
        'notes',
      ],
      contenders.map((c) => {
        const o = cc.get(c.name)!;
        const z = cc.get(`${c.name}/0`)!;
        let perItem = '';
        let perHop = '';
        let note = notesCell(o, c.note('c'));
        if (o.ok) {
          const ns10 = 1e9 / o.m.median;
          perItem = ns10.toFixed(ns10 < 100 ? 1 : 0);
          if (z.ok) {
            const hop = (ns10 - 1e9 / z.m.median) / 10;
            perHop = Math.abs(hop) < 0.5 ? '≈0' : hop.toFixed(Math.abs(hop) < 100 ? 1 : 0);
          } else note = [note, `no baseline run: ${z.error}`].filter((x) => x).join('; ');
        } else if (z.ok) {
          note = `${note}; without the maps (source → counter): ${fmtRate(z.m.median)} items/s`;
        }
        return [c.name, rateCell(o), ratioCell(o, baseC), perItem, perHop, stallCell(o), note];
      }),
    ),
  );
  const telC =
    sluice.ok && quiet.ok ? await telemetryCost(cc, sluice.bench, quiet.bench, 'c', 10, cfg) : undefined;
  if (telC) console.log(telC.text);
  const ms = (x: number | undefined) => (x === undefined ? undefined : `${x.toFixed(1)} ms`);
  const ns = (x: number | undefined) => (x === undefined ? undefined : `${x.toFixed(1)} ns`);
  if (sluice.ok) targets.push(target('C, edges 64, ns per hop', hopNs(cc, sluice.bench.name), ns, '≤', 5));
  if (fused.ok)
    targets.push(target('C, edges 64, fused, ns per hop', hopNs(cc, fused.bench.name), ns, '≤', 5));
  const telCTarget = telCost(telC, 'C');
  if (telCTarget) targets.push(telCTarget);
  // Worst stall over every Sluice row of A and C (the rows that run flat out in this thread).
  const stalls = contenders
    .filter((c) => c.name.startsWith('Sluice'))
    .flatMap((c) => [
      { row: `${c.name}, A`, o: a.get(c.name) },
      { row: `${c.name}, C`, o: cc.get(c.name) },
    ])
    .flatMap(({ row, o }) => (o?.ok ? [{ row, m: o.m }] : []));
  const worst = stalls.reduce<(typeof stalls)[number] | undefined>(
    (w, s) => (w === undefined || s.m.stallMs > w.m.stallMs ? s : w),
    undefined,
  );
  // Where the worst gap came from: GC pauses inside it, the rest is slices and callbacks.
  const worstNote = worst && `${worst.row}; of it ${worst.m.stallGcMs.toFixed(1)} ms GC pauses`;
  targets.push(target('worst stall, Sluice rows of A and C', worst?.m.stallMs, ms, '≤', 10, worstNote));
  console.log(formatTargets(targets, loadavg()));
  if (!want('rest')) {
    await stopSampler();
    return;
  }

  // HTTP latency on the main thread while a graph runs flat out in-process.
  console.log(
    `\nHTTP latency of this (main) thread while a graph runs flat out (N = ${fmtCount(cfg.n)}): ` +
      'a server on 127.0.0.1 in this thread, sequential keep-alive GETs from this thread',
  );
  const rows: string[][] = [];
  const latencyRow = async (name: string, work: Work | null, waitForStart = false) => {
    progress(`HTTP latency: ${name}…`);
    try {
      const s = await latencyDuring(work, work ? { waitForStart } : { maxRequests: 300 });
      rows.push([
        name,
        String(s.requests),
        s.p50Ms.toFixed(2),
        s.p99Ms.toFixed(2),
        s.maxMs.toFixed(1),
        work ? s.workMs.toFixed(0) : '',
        s.requests === 1 && work
          ? 'the loop never turned: one request waited for the whole run'
          : waitForStart
            ? 'from status running (thread start-up not counted)'
            : '',
      ]);
    } catch (err) {
      rows.push([name, '', '', '', '', '', `n/a: ${err instanceof Error ? err.message : String(err)}`]);
    }
    progress('');
  };
  await latencyRow('idle (baseline)', null);
  const nodeBase = contenders.find((c) => c.name === BASELINE);
  if (nodeBase) await latencyRow(`${BASELINE} (reference)`, () => nodeBase.run('a', cfg.n, 0));
  if (sluice.ok) {
    const sb = sluice.bench;
    const why = sb.unavailable('a', 0);
    // Workload A when it compiles; otherwise, say so and load the loop with generator → counter.
    const [w, label] = why === null ? (['a', 'A'] as const) : (['c', 'generator → counter'] as const);
    if (why !== null) rows.push([`${sb.name}, A`, '', '', '', '', '', `n/a: ${why}`]);
    await latencyRow(`${sb.name}, ${label}, in this thread`, () => sb.run(w, cfg.n, 0));
    await latencyRow(
      `${sb.name}, ${label}, in a worker thread`,
      (started) => sb.inWorker(w, cfg.n, 0, started),
      true,
    );
  } else rows.push(['Sluice', '', '', '', '', '', `n/a: ${sluice.error}`]);
  console.log(table(['during', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'run ms', 'notes'], rows));

  // Expression evaluation rate (children of their own: nothing else runs meanwhile).
  progress('expressions…');
  try {
    console.log(formatExprRates(measureExprRates()));
  } catch (err) {
    console.log(`\nExpressions: n/a: ${err instanceof Error ? err.message : String(err)}`);
  }
  progress('');

  // What recording every frame costs (issue 17).
  progress('flight recorder…');
  console.log(formatRecorder(measureRecorder()));
  progress('');

  // One nats edge against raw JetStream (children with their own nats-server; skipped without one).
  progress('nats edge…');
  try {
    console.log(measureNats());
    console.log(measureNatsReplicas());
  } catch (err) {
    console.log(`\nNATS edge: n/a: ${err instanceof Error ? err.message : String(err)}`);
  }
  progress('');

  // Last: fan-out to socket.io subscribers, through the real app.
  try {
    console.log(
      formatFanout(await measureFanout(fanoutConfigFromEnv(), (msg) => progress(`fan-out: ${msg}…`))),
    );
  } catch (err) {
    console.log(`\nFan-out: n/a: ${err instanceof Error ? err.message : String(err)}`);
  }
  progress('');

  await stopSampler();
  console.log(`\nload average at the end ${loadavg()}`);
  console.log(
    `total bench time ${((performance.now() - started) / 1000).toFixed(0)} s (spin check ${spinResult() & 0xff})`,
  );
}

await main();
