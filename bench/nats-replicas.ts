/**
 * The replicas rows of the nats section of `npm run bench`: a stage's items/s with 1, 2 and 4
 * replicas, for a waiting (simulated-service) stage and a CPU-bound one (worker load `cpu`), on
 * four runner processes of one nats-server. Run in a child process (nats-replicas-child.ts) with
 * BENCH_REPLICAS_N items a run (default 3,000: ≤ ~10 s a run here). Skipped without nats-server.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATS_SERVER_BIN } from '../server/test-helpers/nats-server.js';
import { natsServerVersion } from './nats.js';
import type { Row } from './nats-replicas-child.js';

const f0 = (x: number) => Math.round(x).toLocaleString('en-US');

export function measureNatsReplicas(n = Number(process.env.BENCH_REPLICAS_N ?? 3_000)): string {
  if (!natsServerVersion())
    return `\nNATS replicas: skipped — ${NATS_SERVER_BIN} not found (apt-get install nats-server)`;
  const here = fileURLToPath(import.meta.url);
  const file = path.join(path.dirname(here), `nats-replicas-child${path.extname(here)}`);
  const load0 = os.loadavg()[0]!;
  const out = execFileSync(process.execPath, [...process.execArgv, file, String(n)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const res = JSON.parse(out) as Record<'wait' | 'cpu', Row[]>;
  const cores = os.cpus().length;
  const cell = (rows: Row[], i: number) => {
    const r = rows[i]!;
    const late = r.running < r.replicas ? ` (${r.running} ran)` : '';
    const idle = `idle ${Math.round(r.idle * 100)} %`;
    return `${f0(r.perS).padStart(6)} /s ${(r.perS / rows[0]!.perS).toFixed(2)}× ${idle}${late}`.padEnd(32);
  };
  const lines = [
    `\nNATS replicas: generator(count ${f0(n)}) → worker(2 ms, replicas r) → counter on 4 runner processes`,
    "  (2 slots each) of one nats-server; the stage's items/s from the merged frames while it did 20–80 %",
    "  of N (part start-up excluded), and its replicas' mean idle share then (starved by the rest);",
    '  every run checked: completed, delivered = N.',
    `  ${'replicas'.padEnd(9)} ${'wait stage (× of r=1)'.padEnd(32)} ${'cpu stage (× of r=1)'.padEnd(32)}`,
    ...res.wait.map((w, i) => `  ${String(w.replicas).padEnd(9)} ${cell(res.wait, i)} ${cell(res.cpu, i)}`),
    `  This machine has ${cores} cores (load average ${load0.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end):`,
    `  a CPU-bound stage cannot scale past ~${cores}× here (fewer while the runners, the broker and the`,
    '  coordinator share those cores), while a waiting stage scales with replicas until the broker hop',
    '  or the cores running it are the limit.',
  ];
  return lines.join('\n');
}

// `node dist/bench/bench/nats-replicas.js`: these rows alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(measureNatsReplicas());
}
