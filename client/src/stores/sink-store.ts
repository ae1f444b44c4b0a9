import { create } from 'zustand';

/**
 * Items delivered to `browser` sinks (`sink:items`), per sink, and the credits granted to each.
 * The sink sends only as many items as it was granted (`sink:credit`): with credits at zero it
 * blocks and backpressure travels upstream — the user is the slow consumer.
 */
export const ITEMS_LIMIT = 200;
/** Auto mode keeps this many credits outstanding, topping up when half are used. */
export const AUTO_WINDOW = 50;

export interface SinkItem {
  seq: number;
  value: unknown;
}

export interface SinkView {
  items: SinkItem[];
  received: number;
  granted: number;
  auto: boolean;
}

interface SinkState {
  sinks: Record<string, SinkView>;
  /** Items delivered; `skipped` ones were delivered too but dropped for this tab (it was not reading). */
  received: (nodeId: string, items: readonly unknown[], skipped?: number) => void;
  granted: (nodeId: string, n: number) => void;
  setAuto: (nodeId: string, auto: boolean) => void;
  clear: () => void;
}

export const EMPTY_SINK: SinkView = { items: [], received: 0, granted: 0, auto: false };

/** Credits granted and not used yet. */
export function outstanding(s: SinkView): number {
  return Math.max(0, s.granted - s.received);
}

export const useSinkStore = create<SinkState>()((set) => ({
  sinks: {},
  received: (nodeId, items, skipped = 0) =>
    set((s) => {
      const cur = s.sinks[nodeId] ?? EMPTY_SINK;
      const fresh = items.slice(-ITEMS_LIMIT).map((value, i) => ({ seq: cur.received + i, value }));
      const all = [...cur.items, ...fresh];
      return {
        sinks: {
          ...s.sinks,
          [nodeId]: {
            ...cur,
            items: all.slice(-ITEMS_LIMIT),
            received: cur.received + items.length + skipped,
          },
        },
      };
    }),
  granted: (nodeId, n) =>
    set((s) => {
      const cur = s.sinks[nodeId] ?? EMPTY_SINK;
      return { sinks: { ...s.sinks, [nodeId]: { ...cur, granted: cur.granted + n } } };
    }),
  setAuto: (nodeId, auto) =>
    set((s) => ({ sinks: { ...s.sinks, [nodeId]: { ...(s.sinks[nodeId] ?? EMPTY_SINK), auto } } })),
  // Auto settings outlive a run (they are the user's choice); counts and items do not.
  clear: () =>
    set((s) => ({
      sinks: Object.fromEntries(
        Object.entries(s.sinks).map(([id, v]) => [id, { ...EMPTY_SINK, auto: v.auto }]),
      ),
    })),
}));
