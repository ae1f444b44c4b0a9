import { create } from 'zustand';
import type { TraceDetail, TraceMessage } from '../../../shared/protocol/trace.js';
import { RunClock } from '../lib/run-clock.js';
import { addFollowed, addMessage, EMPTY_BOOK, type TraceBook, withDetail } from '../lib/trace-book.js';

/**
 * Followed items (issue 18), apart from the graph and telemetry stores: hops arrive at their own
 * rate and only the token layer and the Trace tab read them, so a hop never re-renders a node.
 */
interface TraceState extends TraceBook {
  runId: string | null;
  /** The item picked to be shown (by the user, or the one "Follow next item" asked for). */
  selected: string | null;
  /**
   * With none picked, the Trace tab shows the newest item that is done, kept for AUTO_HOLD_MS
   * before a newer one replaces it: with 1 in N followed on a fast source, items finish faster
   * than anyone can read a waterfall.
   */
  auto: { id: string; since: number } | null;
  /** Node id → N, for nodes this page follows 1 in N. */
  sampling: Record<string, number>;
  follow: (runId: string, nodeId: string, traceIds: readonly string[]) => void;
  receive: (messages: readonly TraceMessage[], now: number) => void;
  /** An item's whole hop list, read from the server, for the shown run. */
  resync: (runId: string, detail: TraceDetail) => void;
  select: (traceId: string | null) => void;
  setSampling: (nodeId: string, every: number) => void;
  /** Forget every item (a run starts, or another graph is shown). */
  reset: (runId: string | null) => void;
}

/** How long an item the Trace tab picked itself stays shown before a newer one replaces it. */
export const AUTO_HOLD_MS = 2_500;

type Shown = Pick<TraceState, 'runId' | 'traces' | 'order' | 'selected' | 'auto' | 'sampling'>;
const FRESH = { ...EMPTY_BOOK, selected: null, auto: null, sampling: {} };

/** The item the Trace tab shows: the one picked, else the auto pick, else the newest. */
export function shownTrace(s: Pick<TraceState, 'traces' | 'order' | 'selected' | 'auto'>): string | null {
  if (s.selected && s.traces[s.selected]) return s.selected;
  if (s.auto && s.traces[s.auto.id]) return s.auto.id;
  return s.order.at(-1) ?? null;
}

export const useTraceStore = create<TraceState>()((set) => ({
  ...EMPTY_BOOK,
  runId: null,
  selected: null,
  auto: null,
  sampling: {},
  follow: (runId, nodeId, traceIds) =>
    set((s) => {
      const base = s.runId === runId ? s : FRESH;
      const selected = traceIds[0] ?? base.selected;
      return {
        runId,
        ...addFollowed(base, nodeId, traceIds, [selected, base.auto?.id ?? null]),
        sampling: base.sampling,
        auto: base.auto,
        selected,
      };
    }),
  // The caller passes only the shown run's messages; one of another run means that run is shown now.
  receive: (messages, now) =>
    set((s) => {
      let state: Shown = s;
      for (const m of messages) {
        if (m.runId !== state.runId) state = { ...FRESH, runId: m.runId };
        state = { ...state, ...addMessage(state, m, [state.selected, state.auto?.id ?? null]) };
        const { auto } = state;
        const stale = !auto || !state.traces[auto.id] || now - auto.since >= AUTO_HOLD_MS;
        if (m.done && stale) state = { ...state, auto: { id: m.traceId, since: now } };
      }
      return state;
    }),
  resync: (runId, detail) =>
    set((s) => {
      if (s.runId !== runId) return s;
      const book = withDetail(s, detail);
      return book === s ? s : { traces: book.traces };
    }),
  select: (selected) => set({ selected }),
  setSampling: (nodeId, every) =>
    set((s) => {
      const sampling = { ...s.sampling };
      if (every > 0) sampling[nodeId] = every;
      else delete sampling[nodeId];
      return { sampling };
    }),
  reset: (runId) => {
    clock = new RunClock();
    newest = Number.NEGATIVE_INFINITY;
    set({ ...FRESH, runId });
  },
}));

/** The run's clock as the hops tell it (run-clock.ts); one run at a time. */
let clock = new RunClock();
let clockRun: string | null = null;

/** Run time now, as far as this page can tell; null before any hop arrived. */
export function runTimeNow(perfNow: number): number | null {
  return clock.now(perfNow);
}

/**
 * The newest run time a hop in the store told of: a queued token is not moved on past it
 * (token-spot.ts). Counted as messages are folded in, not as they arrive: a message waiting for
 * the next paint may hold the very dequeue that token is waiting for.
 */
let newest = Number.NEGATIVE_INFINITY;
export function newestHopT(): number {
  return newest;
}

/** How far behind the run tokens are drawn: more when messages come late. */
export function tokenDelayMs(): number {
  return clock.delayMs();
}

let pending: TraceMessage[] = [];
let raf: number | null = null;

/**
 * Queues a message for the store. Messages are folded in once per paint, so following 1 in N on
 * a fast source costs one store update per frame, however many hops came in between.
 */
export function queueTraceMessage(message: TraceMessage, arrivedAt: number): void {
  if (message.runId !== clockRun) {
    clockRun = message.runId;
    clock = new RunClock();
    newest = Number.NEGATIVE_INFINITY;
  }
  clock.note(
    arrivedAt,
    message.hops.map((h) => h.t),
  );
  pending.push(message);
  raf ??= requestAnimationFrame(flushTraceMessages);
}

/** Folds queued messages in now (a run ended: nothing paints for it after). */
export function flushTraceMessages(): void {
  if (raf !== null) cancelAnimationFrame(raf);
  raf = null;
  const batch = pending;
  pending = [];
  if (batch.length === 0) return;
  useTraceStore.getState().receive(batch, performance.now());
  for (const m of batch) for (const h of m.hops) if (h.t > newest) newest = h.t;
}
