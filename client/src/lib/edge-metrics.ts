import type { EdgeTelemetry } from '../../../shared/protocol/telemetry.js';
import { compact, formatCount, formatMs, formatPercent, formatRate } from './format.js';
import { waitRows } from './queue-theory-rows.js';
import type { RunAverages } from './run-averages.js';

const DASH = '—';

/** When a queue will be full, in words: `full now`, `not filling`, or a duration. */
export function fullIn(t: EdgeTelemetry | undefined): string {
  if (!t) return DASH;
  // A producer that waited for room found it full this tick, even if a batch was taken since.
  if (t.capacity > 0 && (t.depth >= t.capacity || t.blockedRatio > 0)) return 'full now';
  return t.etaFullMs === null ? 'not filling' : formatMs(t.etaFullMs);
}

type EdgeRates = RunAverages['edges'][string];

/**
 * The rates a queue shows: arriving (accepted + dropped), accepted, out and dropped per second.
 * "Arriving" is what reached the queue; it is not the bottleneck sentence's "offered", which is
 * what the producer would send if it were never held back (shared/analysis/offered-load.ts): a
 * source blocked 75 % of its time arrives at 500/s while offering 2,000/s.
 * After the run, its averages over the run, not the last frame's. Offered and drop rate are
 * undefined when the server sends neither (then the drop rate cannot be told from the total).
 */
export function edgeRates(
  t: EdgeTelemetry,
  avg?: EdgeRates | null,
): Partial<EdgeRates> & { inRate: number; outRate: number } {
  if (avg) return avg;
  const { dropRate } = t;
  const offeredRate = t.offeredRate ?? (dropRate !== undefined ? t.inRate + dropRate : undefined);
  return { inRate: t.inRate, outRate: t.outRate, offeredRate, dropRate };
}

/**
 * A drop rate with its share of what was offered.
 *
 * @example dropRateText(1500, 2000) // '1,500/s (75%)'
 */
export function dropRateText(dropRate: number, offeredRate: number | undefined): string {
  return offeredRate && offeredRate > 0 && dropRate > 0
    ? `${formatRate(dropRate)} (${formatPercent(dropRate / offeredRate)})`
    : formatRate(dropRate);
}

/**
 * Every live metric of a queue as label/value rows, the same in the hover card and the
 * inspector (dashes before a run, so the rows never move). After the run, a first row says the
 * rates are averages over it. A broker queue (`nats`) adds its redeliveries.
 *
 * @example edgeMetricRows(t)[0] // ['Depth', '64 / 64']
 */
export function edgeMetricRows(
  t: EdgeTelemetry | undefined,
  avg?: EdgeRates | null,
  seconds?: number,
  broker = t?.transport === 'nats',
  overflow?: string,
): Array<[string, string]> {
  // Under drop-oldest every arrival is accepted and evicts an older item: arriving is not
  // accepted + dropped there (1,000 arriving, 1,000 accepted and 750 dropped read as wrong sums).
  const evicts = overflow === 'drop-oldest';
  const r = t ? edgeRates(t, avg) : undefined;
  const rows: Array<[string, string]> = [];
  if (t && avg) rows.push(['Rates', `avg over run${seconds ? ` (${formatMs(seconds * 1_000)})` : ''}`]);
  rows.push(
    ['Depth', t ? `${compact(t.depth)} / ${compact(t.capacity)}` : DASH],
    [
      evicts ? 'Arriving' : 'Arriving (accepted + dropped)',
      r?.offeredRate !== undefined ? formatRate(r.offeredRate) : DASH,
    ],
    [evicts ? 'In rate (all accepted)' : 'In rate (accepted)', r ? formatRate(r.inRate) : DASH],
    ['Out rate', r ? formatRate(r.outRate) : DASH],
    [
      evicts ? 'Drop rate (oldest evicted)' : 'Drop rate',
      r?.dropRate !== undefined ? dropRateText(r.dropRate, r.offeredRate) : DASH,
    ],
    ['Dropped in total', t ? formatCount(t.dropped) : DASH],
    ...(t?.expired ? [['Expired', formatCount(t.expired)] as [string, string]] : []),
    ...(t?.emptied ? [['Emptied by user', formatCount(t.emptied)] as [string, string]] : []),
    ...(broker ? [redeliveredRow(t)] : []),
    // After the run, the share of the whole run (the last tick's producers were no longer waiting).
    ['Producer blocked', t ? formatPercent(avg?.blockedRatio ?? t.blockedRatio) : DASH],
    ['Oldest item', t ? formatMs(t.oldestAgeMs) : DASH],
    ['Full in', fullIn(t)],
    ...waitRows(t, avg, evicts && (r?.dropRate ?? 0) > 0),
  );
  return rows;
}

/** Items handed out again because a consumer died or did not ack in time (at-least-once). */
function redeliveredRow(t: EdgeTelemetry | undefined): [string, string] {
  return ['Redelivered', t ? formatCount(t.redelivered ?? 0) : DASH];
}
