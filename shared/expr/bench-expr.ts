/**
 * Micro-benchmark: evaluations per second of Sluice expressions against filtrex on the same
 * expressions and items. Run with `node --import tsx shared/expr/bench-expr.ts`.
 *
 * Each expression runs in its own child process by default, as an expression does in its own
 * run worker; with `--shared` all run in one process, where V8's type feedback is shared by
 * every closure made from the same source function, so numbers drop for both libraries.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import filtrex from 'filtrex';
import { compileExpression } from './index.js';

interface Case {
  sluice: string;
  filtrex: string;
}

const CASES: Case[] = [
  { sluice: 'value * 2', filtrex: 'value * 2' },
  { sluice: 'id % 2 == 0', filtrex: 'id mod 2 == 0' },
  { sluice: 'level == "ERROR" and latencyMs > 250', filtrex: 'level == "ERROR" and latencyMs > 250' },
  { sluice: 'lower(message) ~= "timeout"', filtrex: 'lower(message) ~= "timeout"' },
  { sluice: 'message ~= "[Tt]ime(out|d)"', filtrex: 'message ~= "[Tt]ime(out|d)"' },
];
const LIBS = ['sluice', 'filtrex'] as const;
// Many short rounds: on a shared machine a short round is likelier to land in a quiet moment.
const ROUNDS = 25;
type Lib = (typeof LIBS)[number];

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
const MESSAGES = [
  'request ok',
  'upstream Timeout after 30s',
  'cache miss for key',
  'db connection timed out',
];
const ITEMS = Array.from({ length: 1024 }, (_, i) => ({
  id: i,
  value: i * 1.5,
  level: LEVELS[i % 4]!,
  latencyMs: (i * 37) % 500,
  message: MESSAGES[(i * 7) % 4]!,
}));

function compile(lib: Lib, c: Case): (item: Record<string, unknown>) => unknown {
  if (lib === 'filtrex') {
    return filtrex.compileExpression(c.filtrex, {
      extraFunctions: { lower: (s: string) => String(s).toLowerCase() },
    });
  }
  const r = compileExpression(c.sluice);
  if (!r.ok) throw new Error(r.error.message);
  return r.evaluate;
}

// The result feeds a checksum so V8 cannot drop the calls as dead code.
function loop(fn: (item: Record<string, unknown>) => unknown, n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) if (fn(ITEMS[i & 1023]!)) sink++;
  return sink;
}

/**
 * Millions of evaluations per second for both libraries on one expression. Rounds alternate
 * between the two so that load from other processes hits both alike; the best round counts,
 * since noise only ever slows a round down.
 */
function measurePair(c: Case): Record<Lib, number> {
  const fns = LIBS.map((lib) => compile(lib, c));
  for (const fn of fns) for (let w = 0; w < 20; w++) loop(fn, 200_000);
  const best = [0, 0];
  for (let r = 0; r < ROUNDS; r++) {
    fns.forEach((fn, i) => {
      const n = 1_000_000;
      const t0 = performance.now();
      loop(fn, n);
      best[i] = Math.max(best[i]!, n / (performance.now() - t0) / 1000);
    });
  }
  return { sluice: best[0]!, filtrex: best[1]! };
}

function measureInChild(index: number): Record<Lib, number> {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--child', String(index)], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<Lib, number>;
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    process.stdout.write(JSON.stringify(measurePair(CASES[Number(args[1])]!)));
    return;
  }
  const shared = args.includes('--shared');
  const mode = shared ? 'all pairs in one process' : 'one process per expression';
  console.log(`Sluice expressions vs filtrex: M evaluations/s, best of ${ROUNDS} rounds (${mode})\n`);
  const rows = CASES.map((c, i) => {
    const r = shared ? measurePair(c) : measureInChild(i);
    const ratio = `${(r.sluice / r.filtrex).toFixed(1)}×`;
    return { expression: c.sluice, sluice: r.sluice.toFixed(1), filtrex: r.filtrex.toFixed(1), ratio };
  });
  console.table(rows);
}

main();
