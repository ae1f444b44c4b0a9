import { create } from 'zustand';
import { BURST_MS } from '../../../shared/analysis/token-spot.js';
import type { RecordedTrace } from '../../../shared/protocol/trace.js';

/**
 * Followed items of the recording under the time cursor (issue 18 in recordings), apart from
 * the live trace store: a replay draws each one's token at the cursor and the Trace tab shows
 * one's waterfall. Filled a window at a time by actions/replay-traces.ts (bounded there).
 */
interface ReplayTraceState {
  traces: Record<string, RecordedTrace>;
  /** The item picked in the Trace tab while replaying. */
  selected: string | null;
  /** Bumped when traces come or go. */
  version: number;
  put: (traces: Record<string, RecordedTrace>) => void;
  select: (traceId: string | null) => void;
  reset: () => void;
}

export const useReplayTraceStore = create<ReplayTraceState>()((set) => ({
  traces: {},
  selected: null,
  version: 0,
  put: (traces) => set((s) => ({ traces, version: s.version + 1 })),
  select: (selected) => set({ selected }),
  reset: () => set((s) => ({ traces: {}, selected: null, version: s.version + 1 })),
}));

/** At most this many tokens are drawn at one instant (the newest items). */
export const MAX_REPLAY_TOKENS = 40;

/** Earliest and latest hop time; a drop's ✕ shows BURST_MS after it. */
export function spanOf(trace: RecordedTrace): [number, number] {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const h of trace.hops) {
    first = Math.min(first, h.t);
    last = Math.max(last, h.t);
  }
  const ends = trace.hops.at(-1)?.event;
  return [first, ends === 'dropped' || ends === 'dead-lettered' ? last + BURST_MS : last];
}

/**
 * The items on the canvas at run time `t`, oldest first: their first hop at or before it and
 * their last at or after it (an item still in flight when the recording ends stays to its end).
 *
 * @example activeAt({ a: { traceId: 'a', nodeId: 'src', done: true, hops: [{ event: 'enqueued', t: 5 }, { event: 'delivered', t: 9 }] } }, 7) // ['a']
 */
export function activeAt(traces: Record<string, RecordedTrace>, t: number): string[] {
  const on: Array<[string, number]> = [];
  for (const id in traces) {
    const trace = traces[id]!;
    if (trace.hops.length === 0) continue;
    const [first, last] = spanOf(trace);
    if (first <= t && (t <= last || !trace.done)) on.push([id, first]);
  }
  on.sort((a, b) => a[1] - b[1]);
  return on.slice(-MAX_REPLAY_TOKENS).map(([id]) => id);
}
