/**
 * One expression of the expression benchmark, measured in a process of its own (as an
 * expression runs in its own run worker: V8's type feedback is not shared with other closures).
 * argv: the Sluice expression, the filtrex one. Prints `{ sluice, filtrex }` in M evaluations/s.
 * Method as in shared/expr/bench-expr.ts: warm-up, then rounds alternating the two libraries;
 * the best round counts, since noise only ever slows a round down.
 */
import filtrex from 'filtrex';
import { compileExpression } from '../shared/expr/index.js';

const ROUNDS = 25;
const N = 1_000_000;
const ITEMS = Array.from({ length: 1024 }, (_, i) => ({ id: i, ts: 0, key: `k${i % 10}`, value: i * 1.5 }));

// The result feeds a checksum so V8 cannot drop the calls as dead code.
function loop(fn: (item: Record<string, unknown>) => unknown, n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) if (fn(ITEMS[i & 1023]!)) sink++;
  return sink;
}

const [sluiceSource, filtrexSource] = [process.argv[2]!, process.argv[3]!];
const compiled = compileExpression(sluiceSource);
if (!compiled.ok) throw new Error(compiled.error.message);
const fns = [compiled.evaluate, filtrex.compileExpression(filtrexSource)];
for (const fn of fns) for (let w = 0; w < 20; w++) loop(fn, 200_000);
const best = [0, 0];
let checksum = 0;
for (let r = 0; r < ROUNDS; r++) {
  fns.forEach((fn, i) => {
    const t0 = performance.now();
    checksum += loop(fn, N);
    best[i] = Math.max(best[i]!, N / (performance.now() - t0) / 1000);
  });
}
process.stdout.write(JSON.stringify({ sluice: best[0], filtrex: best[1], checksum }));
