import { create } from 'zustand';
import type { TraceMessage } from '../../../shared/protocol/trace.js';
import { addFollowed, addMessage, EMPTY_BOOK, type TraceBook } from '../lib/trace-book.js';

/**
 * Followed items (issue 18), apart from the graph and telemetry stores: hops arrive at their own
 * rate and only the token layer and the Trace tab read them, so a hop never re-renders a node.
 */
interface TraceState extends TraceBook {
  runId: string | null;
  /** The item the Trace tab shows (null: the newest). */
  selected: string | null;
  /** Node id → N, for nodes this page follows 1 in N. */
  sampling: Record<string, number>;
  follow: (runId: string, nodeId: string, traceIds: readonly string[]) => void;
  receive: (messages: readonly TraceMessage[]) => void;
  select: (traceId: string | null) => void;
  setSampling: (nodeId: string, every: number) => void;
  /** Forget every item (a run starts, or another graph is shown). */
  reset: (runId: string | null) => void;
}

export const useTraceStore = create<TraceState>()((set) => ({
  ...EMPTY_BOOK,
  runId: null,
  selected: null,
  sampling: {},
  follow: (runId, nodeId, traceIds) =>
    set((s) => {
      const base = s.runId === runId ? s : { ...EMPTY_BOOK, sampling: {} };
      return {
        runId,
        ...addFollowed(base, nodeId, traceIds, s.selected),
        sampling: base.sampling,
        selected: traceIds[0] ?? s.selected,
      };
    }),
  // The caller passes only the shown run's messages; one of another run means that run is shown now.
  receive: (messages) =>
    set((s) => {
      let state: Pick<TraceState, 'runId' | 'traces' | 'order' | 'selected' | 'sampling'> = s;
      for (const m of messages) {
        if (m.runId !== state.runId) state = { ...EMPTY_BOOK, runId: m.runId, selected: null, sampling: {} };
        state = { ...state, ...addMessage(state, m, state.selected) };
      }
      return state;
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
    offset = null;
    set({ ...EMPTY_BOOK, runId, selected: null, sampling: {} });
  },
}));

/**
 * `performance.now()` minus run time (ms since the run started), as tight as the hops tell it:
 * a hop cannot arrive before it happened, so the smallest arrival − t seen is the best guess.
 * Kept out of the state: it changes with every message and nothing renders from it directly.
 */
let offset: number | null = null;
let clockRun: string | null = null;

/** Run time now, as far as this page can tell; null before any hop arrived. */
export function runTimeNow(perfNow: number): number | null {
  return offset === null ? null : perfNow - offset;
}

let pending: TraceMessage[] = [];
let raf: number | null = null;

/**
 * Queues a message for the store. Messages are folded in once per paint, so following 1 in N on
 * a fast source costs one store update per frame, however many hops came in between.
 */
export function queueTraceMessage(message: TraceMessage, arrivedAt: number): void {
  const last = message.hops.at(-1);
  if (message.runId !== clockRun) {
    clockRun = message.runId;
    offset = null;
  }
  if (last) {
    const guess = arrivedAt - last.t;
    offset = offset === null ? guess : Math.min(offset, guess);
  }
  pending.push(message);
  raf ??= requestAnimationFrame(flushTraceMessages);
}

/** Folds queued messages in now (a run ended: nothing paints for it after). */
export function flushTraceMessages(): void {
  if (raf !== null) cancelAnimationFrame(raf);
  raf = null;
  const batch = pending;
  pending = [];
  if (batch.length > 0) useTraceStore.getState().receive(batch);
}
