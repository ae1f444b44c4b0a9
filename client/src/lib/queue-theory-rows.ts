import type { ModelChoice } from '../../../shared/analysis/queue-model.js';
import { predict } from '../../../shared/analysis/queue-model.js';
import type { EdgeTelemetry } from '../../../shared/protocol/telemetry.js';
import { formatMs, formatNumber, formatRate } from './format.js';
import type { RunAverages } from './run-averages.js';

type EdgeAverages = RunAverages['edges'][string];

const DASH = '—';

/**
 * Little's law on a queue, measured both ways: L = λ·W from the items that left over the last
 * second (out rate × their mean wait) beside the depth the queue holds now. On a steady queue they
 * agree; while it fills or drains they part, and that is worth seeing too.
 *
 * @example littleText(edgeTelemetry({ depth: 64, outRate: 500, meanWaitMs: 128 }))
 * // '≈ 500/s × 128 ms = 64 (measured 64)'
 */
export function littleText(t: EdgeTelemetry | undefined, avg?: EdgeAverages | null): string {
  if (avg) {
    // After the run: its mean out rate × its items' mean wait beside its time-averaged depth.
    if (avg.meanWaitMs === undefined || avg.meanDepth === undefined) return DASH;
    const predicted = (avg.outRate * avg.meanWaitMs) / 1000;
    return `≈ ${formatRate(avg.outRate)} × ${formatMs(avg.meanWaitMs)} = ${formatNumber(predicted)} (mean depth ${formatNumber(avg.meanDepth)})`;
  }
  if (!t || t.meanWaitMs === undefined) return DASH;
  const predicted = (t.outRate * t.meanWaitMs) / 1000;
  return `≈ ${formatRate(t.outRate)} × ${formatMs(t.meanWaitMs)} = ${formatNumber(predicted)} (measured ${formatNumber(t.depth)})`;
}

/**
 * Mean wait and Little's law rows: always present (dashes before a run), so rows never move.
 * After the run (`avg`), over the whole run: the last frame has no items leaving to measure.
 */
export function waitRows(t: EdgeTelemetry | undefined, avg?: EdgeAverages | null): Array<[string, string]> {
  const wait = avg ? avg.meanWaitMs : t?.meanWaitMs;
  return [
    ['Mean wait', wait === undefined ? DASH : `${formatMs(wait)}${avg ? ' (run)' : ''}`],
    ["Little's law: depth", littleText(t, avg)],
  ];
}

/**
 * Theory beside reality for a queue a model describes (a worker fed by a Poisson source): the
 * model's mean wait and mean depth from the drawn rate and service time, next to the measured
 * mean wait and the mean depth over the last second (out rate × wait, Little's law).
 */
export function modelRows(
  choice: ModelChoice | undefined,
  t: EdgeTelemetry | undefined,
  avg?: EdgeAverages | null,
): Array<[string, string]> {
  if (!choice) return [];
  if (choice.model === 'none') return [['Queueing model', `none: ${choice.why}`]];
  const p = predict(choice);
  const rho = (choice.arrivalsPerS * choice.serviceMs) / 1000 / choice.servers;
  if (!p) return [['Queueing model', `${choice.name}: ρ ${formatNumber(rho)}, no steady state (it fills)`]];
  // After the run (`avg`), what the whole run measured.
  const wait = avg ? avg.meanWaitMs : t?.meanWaitMs;
  const out = avg ? avg.outRate : t?.outRate;
  const depth = out !== undefined && wait !== undefined ? (out * wait) / 1000 : undefined;
  return [
    ['Queueing model', `${choice.name} at ρ ${rho.toFixed(2)}`],
    ['Wait: model / measured', `${formatMs(p.waitMs)} / ${wait === undefined ? DASH : formatMs(wait)}`],
    [
      // Measured as Little's law reads it (out rate × measured wait): a mean, not this instant.
      'Mean depth: model / λ·W',
      `${formatNumber(p.queueLength)} / ${depth === undefined ? DASH : formatNumber(depth)}`,
    ],
  ];
}

/**
 * ρ in plain words: the share of what the node can serve that is asked of it.
 *
 * @example utilizationText(0.8) // '0.80: asked for 80% of what it can serve'
 * @example utilizationText(4) // '4.0: offered 4.0 × what it can serve; it cannot keep up'
 */
export function utilizationText(rho: number | undefined): string {
  if (rho === undefined) return DASH;
  if (rho < 1) return `${rho.toFixed(2)}: asked for ${Math.round(rho * 100)}% of what it can serve`;
  const x = rho < 9.95 ? rho.toFixed(1) : formatNumber(rho);
  return `${x}: offered ${x} × what it can serve; it cannot keep up`;
}
