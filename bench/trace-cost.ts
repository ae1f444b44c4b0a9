/**
 * What following items costs (issue 18), alone: workload A plain and with one in 1000 of the
 * source's items traced, interleaved round by round (`npm run bench` has the same pair of rows in
 * its A table). Run: `tsc -p tsconfig.bench.json && node --expose-gc dist/bench/bench/trace-cost.js`.
 * Env as bench/run.ts (BENCH_N, BENCH_REPS, …).
 */
import { configFromEnv, fmtRate, hasGc, measureJobs, median } from './measure.js';
import { expectedA } from './peers/workload.js';
import { loadSluice } from './sluice.js';

async function main(): Promise<void> {
  const cfg = configFromEnv();
  const plain = await loadSluice();
  const traced = await loadSluice(undefined, undefined, 1000);
  if (!plain.ok || !traced.ok) throw new Error('Sluice does not load');
  const check = (n: number, got: { count: number }) =>
    got.count === expectedA(n).count ? null : `count ${got.count}, expected ${expectedA(n).count}`;
  const rows = [plain.bench, traced.bench];
  const results = await measureJobs(
    rows.map((b) => ({ key: b.name, run: (n: number) => b.a(n), check })),
    cfg,
  );
  console.log(`A, N = ${cfg.n}, ${cfg.reps} rounds, gc between runs: ${hasGc ? 'yes' : 'NO'}`);
  for (const b of rows) {
    const o = results.get(b.name)!;
    console.log(
      o.ok
        ? `${b.name}: ${fmtRate(o.m.median)} (${fmtRate(o.m.min)}–${fmtRate(o.m.max)})`
        : `${b.name}: n/a ${o.error}`,
    );
  }
  const p = results.get(plain.bench.name)!;
  const t = results.get(traced.bench.name)!;
  if (p.ok && t.ok) {
    const ratios = p.m.rates.map((r, i) => t.m.rates[i]! / r);
    console.log(
      `traced / plain per round: ${ratios.map((r) => r.toFixed(3)).join(' ')}; median ${median(ratios).toFixed(3)}; ` +
        `${traced.bench.tracesDone()} traces ended`,
    );
  }
}

await main();
