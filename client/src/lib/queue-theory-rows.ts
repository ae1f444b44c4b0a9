import type { ModelChoice } from '../../../shared/analysis/queue-model.js';
import { predict } from '../../../shared/analysis/queue-model.js';
import type { EdgeTelemetry } from '../../../shared/protocol/telemetry.js';
import { formatMs, formatNumber, formatRate } from './format.js';
import type { RunAverages } from './run-averages.js';

type EdgeAverages = RunAverages['edges'][string];

const DASH = '—';

/**
 * What a queue measured for Little's law: live, over the last second (out rate, the mean wait of
 * the items that left, the depth now); after the run (`avg`), over the whole run (mean out rate,
 * mean wait, time-averaged depth) — the last frame has no items leaving to measure.
 */
function measured(t: EdgeTelemetry | undefined, avg?: EdgeAverages | null) {
  return avg
    ? { out: avg.outRate, wait: avg.meanWaitMs, depth: avg.meanDepth, depthIs: 'mean depth', run: ' (run)' }
    : { out: t?.outRate, wait: t?.meanWaitMs, depth: t?.depth, depthIs: 'measured', run: '' };
}

/**
 * Little's law on a queue, measured both ways: L = λ·W from the items that left (out rate × their
 * mean wait) beside the depth the queue holds. On a steady queue they agree; while it fills or
 * drains they part, and that is worth seeing too.
 *
 * @example littleText(edgeTelemetry({ depth: 64, outRate: 500, meanWaitMs: 128 }))
 * // '≈ 500/s × 128 ms = 64 (measured 64)'
 */
export function littleText(t: EdgeTelemetry | undefined, avg?: EdgeAverages | null): string {
  const m = measured(t, avg);
  if (m.out === undefined || m.wait === undefined || m.depth === undefined) return DASH;
  const predicted = (m.out * m.wait) / 1000;
  return `≈ ${formatRate(m.out)} × ${formatMs(m.wait)} = ${formatNumber(predicted)} (${m.depthIs} ${formatNumber(m.depth)})`;
}

/**
 * Mean wait and Little's law rows: always present (dashes before a run), so rows never move.
 * `evicting`: a drop-oldest queue that dropped. The items it evicted held places in it too but
 * never left, so λ·W (the ones that left) falls short of its depth: the row says why rather
 * than look wrong.
 */
export function waitRows(
  t: EdgeTelemetry | undefined,
  avg?: EdgeAverages | null,
  evicting = false,
): Array<[string, string]> {
  const m = measured(t, avg);
  const little = littleText(t, avg);
  return [
    ['Mean wait', m.wait === undefined ? DASH : `${formatMs(m.wait)}${m.run}`],
    [
      "Little's law: depth",
      evicting && little !== DASH ? `${little}; evicted items held places too, not counted in λ·W` : little,
    ],
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
  const { out, wait } = measured(t, avg);
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
 * ρ in plain words: the share of what the node can serve that is asked of it. A rate limiter's
 * ρ is what it is offered over its rate, and being offered more is its job, not a failure to keep
 * up: its mode says what becomes of the excess.
 *
 * @example utilizationText(0.8) // '0.80: asked for 80% of what it can serve'
 * @example utilizationText(4) // '4.0: offered 4.0 × what it can serve; it cannot keep up'
 * @example utilizationText(2, 'drop') // '2.0: offered 2.0 × its rate; drop mode discards the excess'
 */
export function utilizationText(rho: number | undefined, limiterMode?: 'delay' | 'drop'): string {
  if (rho === undefined) return DASH;
  if (rho < 1)
    return limiterMode
      ? `${rho.toFixed(2)}: offered ${Math.round(rho * 100)}% of its rate`
      : `${rho.toFixed(2)}: asked for ${Math.round(rho * 100)}% of what it can serve`;
  const x = rho < 9.95 ? rho.toFixed(1) : formatNumber(rho);
  if (!limiterMode) return `${x}: offered ${x} × what it can serve; it cannot keep up`;
  return limiterMode === 'drop'
    ? `${x}: offered ${x} × its rate; drop mode discards the excess`
    : `${x}: offered ${x} × its rate; delay mode holds the excess back (backpressure)`;
}
