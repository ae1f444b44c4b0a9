/**
 * Expression evaluation rate: Sluice's compiled expressions (shared/expr) against filtrex on the
 * two expressions of workload A, each pair in a child process of its own. The target is 50 M
 * evaluations/s (filtrex was measured at ~13 M/s; product.md). The full micro-benchmark, with
 * more expressions, is shared/expr/bench-expr.ts.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXPR_TARGET_M = 50;

const CASES = [
  { sluice: 'value * 2', filtrex: 'value * 2' },
  { sluice: 'id % 2 == 0', filtrex: 'id mod 2 == 0' },
];

export interface ExprRate {
  expression: string;
  /** M evaluations/s, best round. */
  sluice: number;
  filtrex: number;
}

export function measureExprRates(): ExprRate[] {
  const here = fileURLToPath(import.meta.url);
  const child = path.join(path.dirname(here), `expr-rate-child${path.extname(here)}`);
  return CASES.map((c) => {
    // execArgv comes along so that under tsx the child loads .ts too.
    const out = execFileSync(process.execPath, [...process.execArgv, child, c.sluice, c.filtrex], {
      encoding: 'utf8',
    });
    const r = JSON.parse(out) as { sluice: number; filtrex: number };
    return { expression: c.sluice, sluice: r.sluice, filtrex: r.filtrex };
  });
}

export function formatExprRates(rows: ExprRate[]): string {
  const lines = rows.map((r) => {
    const verdict = r.sluice >= EXPR_TARGET_M ? 'OK' : 'below target';
    return (
      `  ${r.expression.padEnd(12)} shared/expr ${r.sluice.toFixed(1).padStart(6)} M/s   ` +
      `filtrex ${r.filtrex.toFixed(1).padStart(6)} M/s   ${(r.sluice / r.filtrex).toFixed(1)}×   ${verdict}`
    );
  });
  return [
    `\nExpressions: evaluations/s of one compiled expression on generator items, best of 25 rounds, ` +
      `each pair in its own process (target: ≥ ${EXPR_TARGET_M} M/s for shared/expr)`,
    ...lines,
  ].join('\n');
}

// `node dist/bench/bench/expr-rate.js` (or `node --import tsx bench/expr-rate.ts`): this section alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatExprRates(measureExprRates()));
}
