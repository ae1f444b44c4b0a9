import { formatMs, formatNumber } from '../format/number-format.js';
import type { TelemetryFrame } from '../protocol/telemetry.js';
import type { EdgeEnds } from './held-back.js';
import { offeredLoad, offeredTo } from './offered-load.js';

type Frame = Pick<TelemetryFrame, 'nodes' | 'edges'>;

/** The arithmetic of a node's utilization: ρ = offered/s × mean service ÷ lanes. */
export interface Load {
  offered: number;
  serviceMs: number;
  lanes: number;
  rho: number;
}

/**
 * A node's load from a frame, or undefined when the frame does not carry its service time and
 * utilization (a source, an older server). The frame has no concurrency: the lanes are what the
 * server divided by, recovered from its own ρ (a whole number, so rounding undoes the frame's).
 */
export function loadOf(nodeId: string, frame: Frame, edges: readonly EdgeEnds[]): Load | undefined {
  const n = frame.nodes[nodeId];
  const serviceMs = n?.meanServiceMs;
  const rho = n?.utilization;
  if (serviceMs === undefined || rho === undefined || !(serviceMs > 0) || !(rho > 0)) return undefined;
  const offered = offeredTo(nodeId, frame, edges);
  if (!(offered > 0)) return undefined;
  const lanes = Math.max(1, Math.round((offered * serviceMs) / 1000 / rho));
  return { offered, serviceMs, lanes, rho: (offered * serviceMs) / 1000 / lanes };
}

/** Service times under a millisecond keep two significant digits: 0.004 ms is not "0 ms". */
const serviceText = (ms: number) => (ms < 1 ? `${Number(ms.toPrecision(2))} ms` : formatMs(ms));

/** ρ as a multiple: one decimal, as "4.0 ×" reads; whole numbers from 10. */
export const rhoText = (rho: number) => (rho < 9.95 ? rho.toFixed(1) : formatNumber(rho));

/**
 * The sum behind ρ, in words.
 *
 * @example loadWords({ offered: 2000, serviceMs: 2, lanes: 1, rho: 4 })
 * // '2,000 items/s offered × 2 ms ÷ 1 lane = 4.0 × what it can serve'
 */
export function loadWords(l: Load): string {
  return (
    `${formatNumber(l.offered)} items/s offered × ${serviceText(l.serviceMs)} ÷ ` +
    `${formatNumber(l.lanes)} lane${l.lanes === 1 ? '' : 's'} = ${rhoText(l.rho)} × what it can serve`
  );
}

/**
 * How fast a queue fills at its demand, in words, or undefined when it does not fill (or has no
 * slots): "e1 fills its 64 slots in 43 ms at that rate".
 */
export function fillWords(edgeId: string, frame: Frame, edges: readonly EdgeEnds[]): string | undefined {
  const q = frame.edges[edgeId];
  if (!q || !(q.capacity > 0)) return undefined;
  const net = offeredLoad(edgeId, frame, edges) - q.outRate;
  if (!(net > 0)) return undefined;
  return `${edgeId} fills its ${formatNumber(q.capacity)} slots in ${formatMs((q.capacity / net) * 1000)} at that rate`;
}
