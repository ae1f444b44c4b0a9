import type { RunTotals, TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { formatCount } from './format.js';
import type { RunPhase } from './run-gate.js';

/** Items that left the graph other than through a sink, by the name the user sees. */
export interface Losses {
  dropped: number;
  rejected: number;
  deadLettered: number;
  skipped: number;
  /** Waited past their edge's `expireMs` (optional: older fixtures and servers lack it). */
  expired?: number;
  /** Removed by a user's "Empty queue". */
  emptied?: number;
}

const NAMES: ReadonlyArray<[keyof Losses, string, string]> = [
  ['dropped', 'dropped', 'Dropped by overflow policies and rate limiters in drop mode'],
  ['rejected', 'rejected', 'Rejected by open-loop sources: arrivals that found the queue full'],
  ['deadLettered', 'dead-lettered', 'Sent to dead letter by the error policy'],
  ['skipped', 'skipped', 'Skipped by the error policy'],
  ['expired', 'expired', "Waited longer than their edge's expireMs and were dropped at the head"],
  ['emptied', 'emptied', 'Removed from a queue with "Empty queue"'],
];

/** The run's losses so far, from a frame: edge drops plus what nodes discarded, rejected or set aside. */
export function frameLosses(frame: TelemetryFrame): Losses {
  const l: Losses = { dropped: 0, rejected: 0, deadLettered: 0, skipped: 0 };
  let expired = 0;
  let emptied = 0;
  for (const id in frame.edges) {
    const e = frame.edges[id]!;
    l.dropped += e.dropped;
    expired += e.expired ?? 0;
    emptied += e.emptied ?? 0;
  }
  // Only when they happened, so runs without them read as before.
  if (expired > 0) l.expired = expired;
  if (emptied > 0) l.emptied = emptied;
  for (const id in frame.nodes) {
    const n = frame.nodes[id]!;
    l.dropped += n.dropped ?? 0;
    l.rejected += n.rejected ?? 0;
    l.deadLettered += n.deadLettered ?? 0;
    l.skipped += n.skipped ?? 0;
  }
  return l;
}

/** The losses in a run's final totals (named fields the server may not send yet count as 0). */
export function totalsLosses(t: RunTotals): Losses {
  return {
    dropped: t.dropped,
    rejected: t.rejected ?? 0,
    deadLettered: t.deadLettered ?? 0,
    skipped: t.skipped ?? 0,
    ...(t.expired ? { expired: t.expired } : {}),
    ...(t.emptied ? { emptied: t.emptied } : {}),
  };
}

/**
 * Items a run left waiting in its queues when it ended other than `completed` (failed, stopped):
 * never delivered, so lost too. 0 while the run goes on (they are still on their way) and after a
 * completed run (it drained).
 */
export function leftInQueues(phase: RunPhase, queued: number): number {
  return phase === 'failed' || phase === 'stopped' ? queued : 0;
}

export interface LossPart {
  key: keyof Losses | 'leftInQueues';
  /** Name first, for the status bar's "name count" row: "dropped 3". */
  text: string;
  /** Count first, for sentences: "3 dropped". */
  phrase: string;
  title: string;
}

/**
 * Each non-zero loss by name, so "dropped 0" never stands beside items that were in fact
 * rejected, and items stranded in queues by a failed or stopped run are named, not "nothing
 * lost"; empty when nothing was lost.
 *
 * @example lossParts({ dropped: 0, rejected: 1200, deadLettered: 0, skipped: 3 }, 9)
 * // texts: ['rejected 1,200', 'skipped 3', '9 left in queues']
 */
export function lossParts(l: Losses, left = 0): LossPart[] {
  const parts: LossPart[] = NAMES.filter(([key]) => (l[key] ?? 0) > 0).map(([key, name, title]) => ({
    key,
    text: `${name} ${formatCount(l[key] ?? 0)}`,
    phrase: `${formatCount(l[key] ?? 0)} ${name}`,
    title,
  }));
  if (left > 0) {
    const text = `${formatCount(left)} left in queues`;
    parts.push({
      key: 'leftInQueues',
      text,
      phrase: text,
      title: 'Waiting in queues when the run ended: never delivered',
    });
  }
  return parts;
}

/**
 * The last run in one line: what went in, what came out, and every loss by name.
 *
 * @example lastRunSummary({ emitted: 2000, delivered: 1500, dropped: 0, errors: 0, rejected: 500 }, 'completed')
 * // 'Last run: 2,000 emitted · 1,500 delivered · 500 rejected'
 */
export function lastRunSummary(t: RunTotals, phase: RunPhase): string {
  return `Last run: ${totalsSummary(t, phase)}`;
}

/** A run's totals in one line, as the status bar and the Runs panel both say them. */
export function totalsSummary(t: RunTotals, phase: RunPhase): string {
  const parts = [`${formatCount(t.emitted)} emitted`, `${formatCount(t.delivered)} delivered`];
  const lost = lossParts(totalsLosses(t), leftInQueues(phase, t.queued ?? 0));
  for (const p of lost) parts.push(p.phrase);
  if (t.errors > 0) parts.push(`${formatCount(t.errors)} errors`);
  if (lost.length === 0) parts.push('nothing lost');
  return parts.join(' · ');
}
