import { wholePercents } from '../../../shared/format/number-format.js';
import type { NodeTelemetry } from '../../../shared/protocol/telemetry.js';
import { formatCount, formatMs, formatRate } from './format.js';
import type { RunAverages } from './run-averages.js';

const DASH = '—';

/** What a node card's numbers say, as text: the same for React's render and the live writes. */
export interface NodeMetricsView {
  /** Changes the card's shape (which rows and labels exist): React renders only when it changes. */
  shape: string;
  stale: boolean;
  averaged: boolean;
  inText: string;
  outText: string;
  doneText: string;
  latency: string;
  bar: StateBarView;
  /** The foot's right side: errors, else the first loss by name, else nothing. */
  foot: { kind: 'errors' | 'loss'; text: string; title: string | undefined } | null;
}

export interface StateBarView {
  known: boolean;
  background: string;
  title: string;
  busy: string;
  bp: string;
  idle: string;
}

export interface NodeMetricsFlags {
  sink: boolean;
  hasInputs: boolean;
  hasOutputs: boolean;
}

/**
 * A node's numbers from its telemetry, and after the run its averages. Sinks show end-to-end
 * latency p50 / p99 when the frame carries it, others processing p99.
 *
 * @example nodeMetricsView(t, null, true, { sink: false, hasInputs: true, hasOutputs: true }).outText // '1,998/s'
 */
export function nodeMetricsView(
  t: NodeTelemetry | undefined,
  avg: RunAverages['nodes'][string] | null,
  live: boolean,
  flags: NodeMetricsFlags,
): NodeMetricsView {
  const rates = avg ?? t;
  // A source serves nothing: its 'processing p99' would read 0 ms for making items, a number
  // that looks measured and means nothing (seen as 'p99 0 ms' on every generator).
  const latency =
    !t || !flags.hasInputs
      ? DASH
      : flags.sink && t.e2eP50Ms !== undefined && t.e2eP99Ms !== undefined
        ? `${formatMs(t.e2eP50Ms)} / ${formatMs(t.e2eP99Ms)}`
        : formatMs(t.p99Ms);
  const shares = avg?.shares ?? { busy: t?.busy, idle: t?.idle, backpressured: t?.backpressured };
  const foot = !t ? null : t.errors > 0 ? errorsFoot(t) : lossFoot(t);
  const stale = Boolean(t) && !live;
  return {
    shape: nodeMetricsShape(t, avg, live),
    stale,
    averaged: Boolean(avg),
    inText: rates && flags.hasInputs ? formatRate(rates.inRate) : DASH,
    outText: rates && flags.hasOutputs ? formatRate(rates.outRate) : DASH,
    doneText: t ? formatCount(t.processed) : DASH,
    latency,
    bar: stateBarView(shares.busy, shares.idle, shares.backpressured, Boolean(avg?.shares)),
    foot,
  };
}

/**
 * What decides the card's shape, cheaply (no number formatted): a selector that runs on every
 * store change for every card on screen.
 */
export function nodeMetricsShape(
  t: NodeTelemetry | undefined,
  avg: RunAverages['nodes'][string] | null,
  live: boolean,
): string {
  const foot = !t ? '' : t.errors > 0 ? 'errors' : (lossOf(t)?.[1] ?? '');
  return `${t ? 'frame' : 'none'}${t && !live ? ' stale' : ''}${avg ? ' averaged' : ''} ${foot}`;
}

function errorsFoot(t: NodeTelemetry): NodeMetricsView['foot'] {
  return { kind: 'errors', text: `${formatCount(t.errors)} err`, title: undefined };
}

/** The first thing this node lost, by name (errors come first, in the caller). */
function lossFoot(t: NodeTelemetry): NodeMetricsView['foot'] {
  const loss = lossOf(t);
  return loss ? { kind: 'loss', text: `${formatCount(loss[0])} ${loss[1]}`, title: loss[2] } : null;
}

function lossOf(t: NodeTelemetry): [number, string, string] | undefined {
  if (t.rejected !== undefined && t.rejected > 0)
    return [t.rejected, 'rejected', 'Open loop: arrivals that found the queue full'];
  if (t.dropped !== undefined && t.dropped > 0)
    return [t.dropped, 'dropped', 'Discarded by this rate limiter in drop mode'];
  if (t.deadLettered !== undefined && t.deadLettered > 0)
    return [t.deadLettered, 'dead-lettered', 'Sent to dead letter by the error policy'];
  if (t.skipped !== undefined && t.skipped > 0) return [t.skipped, 'skipped', 'Skipped by the error policy'];
  return undefined;
}

/**
 * The busy / backpressured / idle bar: one painted gradient in whole percents (like its legend:
 * finer steps are invisible at any zoom but repaint every tick), and its legend and tooltip.
 *
 * @example stateBarView(0.5, 0.25, 0.25).bp // 'bp 25%'
 */
export function stateBarView(
  busy: number | undefined,
  idle: number | undefined,
  backpressured: number | undefined,
  overRun = false,
): StateBarView {
  const known = busy !== undefined && idle !== undefined && backpressured !== undefined;
  // Whole percents that add up: rounded one by one, the three could read 101 %.
  const [b, p, i] = wholePercents([busy ?? 0, backpressured ?? 0, idle ?? 0]) as [number, number, number];
  const bp = Math.min(100, b + p);
  return {
    known,
    background: known
      ? `linear-gradient(to right, var(--busy) 0 ${b}%, var(--bp) ${b}% ${bp}%, var(--idle) ${bp}% 100%)`
      : '',
    title: known
      ? `${overRun ? 'Over the run: ' : ''}busy ${b}% · backpressured ${p}% · idle ${i}%`
      : 'No run yet',
    busy: `busy ${known ? `${b}%` : '—'}`,
    bp: `bp ${known ? `${p}%` : '—'}`,
    idle: `idle ${known ? `${i}%` : '—'}`,
  };
}
