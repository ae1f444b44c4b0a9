import { STEP_PEAK_FACTOR } from '../catalog/kinds/source-rates.js';
import type { EdgeEnds } from './held-back.js';

/** A node as the analysis needs it: its kind and params, at the top level or under `data` (React Flow). */
export interface RatedNode {
  id: string;
  kind?: string;
  params?: Record<string, unknown>;
  data?: { kind?: string; params?: Record<string, unknown> };
}

/**
 * The most items/s a source can offer at any moment, from its params: a producer's blocked share
 * only estimates its demand (see offeredLoad), and at 95 % blocked that estimate is 20 × what it
 * sent — a 2,000/s generator read as "7,868 items/s offered". Undefined when the kind has no
 * rate or the rate is unbounded (null: as fast as the graph accepts).
 *
 * @example sourcePeakRate('generator', { rate: 2000 }) // 2000
 * @example sourcePeakRate('generator', { rate: 100, pattern: 'step' }) // 1000
 */
export function sourcePeakRate(
  kind: string | undefined,
  params: Record<string, unknown> = {},
): number | undefined {
  if (kind !== 'generator' && kind !== 'log-replay') return undefined;
  // Omitted params take the kind's default (100/s for both).
  const rate = params.rate === undefined ? 100 : params.rate;
  if (typeof rate !== 'number' || !(rate > 0)) return undefined;
  if (kind === 'log-replay') return rate;
  switch (params.pattern) {
    case 'step':
      return rate * STEP_PEAK_FACTOR;
    case 'poisson':
      // Over the ≈1 s a rate is read in, Poisson arrivals stay within mean + 4 standard deviations.
      return rate + 4 * Math.sqrt(rate) + 1;
    default:
      return rate;
  }
}

/**
 * `edges` with each source producer's peak rate (`sourceRate`), for findBottlenecks and
 * offeredLoad. Edges out of other nodes come back as they are.
 */
export function withSourceRates<E extends EdgeEnds>(edges: readonly E[], nodes: readonly RatedNode[]): E[] {
  const peaks = new Map<string, number>();
  for (const n of nodes) {
    const peak = sourcePeakRate(n.kind ?? n.data?.kind, n.params ?? n.data?.params);
    if (peak !== undefined) peaks.set(n.id, peak);
  }
  if (peaks.size === 0) return edges as E[];
  return edges.map((e) => {
    const peak = peaks.get(e.source);
    return peak === undefined ? e : { ...e, sourceRate: peak };
  });
}
