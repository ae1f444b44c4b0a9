import { HEARTBEAT_MS, RUNNER_DEAD_AFTER_MS, type RunnerInfo } from '../../../shared/protocol/cluster.js';
import { formatMs } from './format.js';

/** How a runner's last heartbeat reads: on time, late (missed one or two), or past the dead line. */
export type HeartbeatLevel = 'ok' | 'late' | 'dead';

/**
 * @example heartbeatLevel(400) // 'ok'
 * @example heartbeatLevel(5_000) // 'dead'
 */
export function heartbeatLevel(ageMs: number): HeartbeatLevel {
  if (ageMs >= RUNNER_DEAD_AFTER_MS) return 'dead';
  // One missed beat is jitter on a busy machine; two is worth a colour.
  return ageMs > 2 * HEARTBEAT_MS ? 'late' : 'ok';
}

/** A heartbeat age in words. */
export function heartbeatText(ageMs: number): string {
  return `${formatMs(Math.max(0, ageMs))} ago`;
}

/**
 * One line over the runner list: how many runners and how many of their slots are taken.
 *
 * @example clusterSummary([{ slots: 4, slotsInUse: 1, … }, { slots: 4, slotsInUse: 3, … }])
 * // '2 runners · 4 of 8 slots in use'
 */
export function clusterSummary(runners: readonly Pick<RunnerInfo, 'slots' | 'slotsInUse'>[]): string {
  const slots = runners.reduce((n, r) => n + r.slots, 0);
  const used = runners.reduce((n, r) => n + r.slotsInUse, 0);
  const count = `${runners.length} runner${runners.length === 1 ? '' : 's'}`;
  return `${count} · ${used} of ${slots} slot${slots === 1 ? '' : 's'} in use`;
}

/**
 * What a runner is running, as the Cluster panel lists it: the parts of this page's run by name
 * (`main`, `p2`, `work#1`), the rest as a count of other runs. Parts arrive as `<runId>/<part>`.
 *
 * @example partsText(['r1/p2', 'r1/main', 'r9/main'], 'r1') // 'p2, main · 1 other run'
 * @example partsText([], 'r1') // 'idle'
 */
export function partsText(parts: readonly string[], runId: string | null): string {
  if (parts.length === 0) return 'idle';
  const mine: string[] = [];
  const others = new Set<string>();
  for (const p of parts) {
    const cut = p.indexOf('/');
    const run = cut < 0 ? p : p.slice(0, cut);
    if (runId !== null && run === runId) mine.push(p.slice(cut + 1));
    else others.add(run);
  }
  const rest =
    others.size > 0
      ? `${others.size} ${mine.length > 0 ? 'other ' : ''}run${others.size === 1 ? '' : 's'}`
      : '';
  return [mine.join(', '), rest].filter(Boolean).join(' · ');
}
