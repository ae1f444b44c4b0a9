import { byId, type NameOf } from '../../shared/analysis/node-names.js';
import type { RunTotals, TelemetryFrame } from '../../shared/protocol/telemetry.js';

/** 1234 → "1.2k", 2_500_000 → "2.5M". */
export function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  if (abs >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return `${Math.round(n)}`;
}

const bar = (busy: number, bp: number, width = 10) => {
  const b = Math.round(busy * width);
  const p = Math.min(width - b, Math.round(bp * width));
  return `${'█'.repeat(b)}${'▒'.repeat(p)}${'·'.repeat(width - b - p)}`;
};

/**
 * One line per node and one per edge: what `sluice run` shows while a graph runs. `fullIn`: ms
 * until an edge is full when it is meaningfully filling (the canvas's judgement), else null;
 * `nameOf`: a labelled node reads "Slow DB (work)".
 */
export function progressLines(
  frame: TelemetryFrame,
  fullIn: (edgeId: string) => number | null = () => null,
  nameOf: NameOf = byId,
): string[] {
  const lines = [`t=${(frame.t / 1000).toFixed(1)}s`];
  for (const [id, n] of Object.entries(frame.nodes)) {
    const extra = n.e2eP99Ms !== undefined ? `  e2e p99 ${n.e2eP99Ms.toFixed(1)}ms` : '';
    const rho = n.utilization !== undefined ? `  ρ ${n.utilization.toFixed(2)}` : '';
    const err = n.errors > 0 ? `  errors ${compact(n.errors)}` : '';
    // A replicated node's numbers are its replicas' sum: say how many, as the canvas's ×N does.
    const name = n.replicas?.length ? `${nameOf(id)} ×${n.replicas.length}` : nameOf(id);
    lines.push(
      `  ${name.padEnd(14)} in ${compact(n.inRate).padStart(6)}/s  out ${compact(n.outRate).padStart(6)}/s  ` +
        `[${bar(n.busy, n.backpressured)}] busy ${pct(n.busy)} bp ${pct(n.backpressured)}  done ${compact(n.processed)}${rho}${extra}${err}`,
    );
  }
  for (const [id, e] of Object.entries(frame.edges)) {
    const drops = e.dropped > 0 ? `  dropped ${compact(e.dropped)}` : '';
    const again = e.redelivered ? `  redelivered ${compact(e.redelivered)}` : '';
    // A broker edge is a NATS stream, not an in-process queue: the word says which.
    const what = e.transport === 'nats' ? 'nats ' : 'queue';
    const wait = e.meanWaitMs !== undefined ? `  wait ${e.meanWaitMs.toFixed(1)}ms` : '';
    const eta = fullIn(id);
    const filling = eta !== null ? `  full in ${(eta / 1000).toFixed(1)}s` : '';
    lines.push(
      `  ${id.padEnd(14)} ${what} ${`${e.depth}/${e.capacity}`.padStart(11)}  blocked ${pct(e.blockedRatio)}${wait}${filling}${drops}${again}`,
    );
  }
  return lines;
}

const pct = (x: number) => `${Math.round(x * 100)}%`.padStart(4);

/**
 * The run's totals as one line, every named loss included: an item that left the graph other than
 * through a sink is always in one of them.
 *
 * @example totalsLine(t) // "emitted 3000, delivered 750, dropped 0, rejected 2250, dead-lettered 0, skipped 0, errors 0"
 */
export function totalsLine(t: RunTotals): string {
  return (
    `emitted ${t.emitted}, delivered ${t.delivered}, dropped ${t.dropped}, rejected ${t.rejected}, ` +
    `dead-lettered ${t.deadLettered}, skipped ${t.skipped}, errors ${t.errors}`
  );
}
