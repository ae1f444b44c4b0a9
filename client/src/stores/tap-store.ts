import { create } from 'zustand';
import { POISON_KEYS } from '../../../shared/graph/poison-keys.js';
import type { TapMessage } from '../../../shared/protocol/queue-inspect.js';

/** Sampled items the Taps tab holds, newest last, across all taps of the run. */
export const TAP_LIMIT = 500;

export interface TapRow {
  seq: number;
  edgeId: string;
  /** Run ms when it entered the edge. */
  t: number;
  item: unknown;
}

interface TapState {
  /** Edges this client has tapped on the current run (the server's answer, not a guess). */
  on: string[];
  rows: TapRow[];
  received: number;
  /** Per edge, items that went through unsampled since the tap began. */
  sampledOut: Record<string, number>;
  setOn: (edges: string[]) => void;
  add: (m: TapMessage) => void;
  clear: () => void;
}

export const useTapStore = create<TapState>()((set) => ({
  on: [],
  rows: [],
  received: 0,
  sampledOut: {},
  setOn: (on) => set({ on }),
  add: (m) =>
    set((s) => {
      const fresh = m.items
        .slice(-TAP_LIMIT)
        .map((x, i) => ({ seq: s.received + i, edgeId: m.edgeId, ...x }));
      const rows = [...s.rows, ...fresh].slice(-TAP_LIMIT);
      return {
        rows,
        received: s.received + m.items.length,
        sampledOut: { ...s.sampledOut, [m.edgeId]: (s.sampledOut[m.edgeId] ?? 0) + m.sampledOut },
      };
    }),
  clear: () => set({ on: [], rows: [], received: 0, sampledOut: {} }),
}));

/** A `run:tap` payload, checked before it touches the store (edge ids become keys). */
export function tapMessageOf(v: unknown): TapMessage | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const m = v as Record<string, unknown>;
  if (typeof m.runId !== 'string' || typeof m.edgeId !== 'string' || POISON_KEYS.has(m.edgeId))
    return undefined;
  if (typeof m.sampledOut !== 'number' || !Number.isFinite(m.sampledOut) || m.sampledOut < 0)
    return undefined;
  if (!Array.isArray(m.items)) return undefined;
  const items: TapMessage['items'] = [];
  for (const x of m.items) {
    if (x === null || typeof x !== 'object' || typeof (x as { t?: unknown }).t !== 'number') return undefined;
    items.push({ t: (x as { t: number }).t, item: (x as { item?: unknown }).item });
  }
  return { runId: m.runId, edgeId: m.edgeId, items, sampledOut: m.sampledOut };
}
