import { create } from 'zustand';
import { AUTO_MIN_WINDOW, AutoCredit } from '../../../shared/protocol/auto-credit.js';

/**
 * Items delivered to `browser` sinks (`sink:items`), per sink, and the credits granted to each.
 * The sink sends only as many items as it was granted (`sink:credit`): with credits at zero it
 * blocks and backpressure travels upstream — the user is the slow consumer.
 */
export const ITEMS_LIMIT = 200;
/** Auto mode opens the tap with this many credits; then it keeps about a second's worth open. */
export const AUTO_WINDOW = AUTO_MIN_WINDOW;

/** Each sink's auto mode (its window follows the rate); not state anything renders. */
const autoCredits = new Map<string, AutoCredit>();

/** Credits to grant a sink in auto mode after `n` items arrived, leaving `open` (0: none). */
export function autoTopUp(nodeId: string, n: number, open: number, now: number): number {
  let auto = autoCredits.get(nodeId);
  if (!auto) {
    auto = new AutoCredit();
    autoCredits.set(nodeId, auto);
  }
  return auto.arrived(n, open, now);
}

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
  /**
   * Counts every sink's open credits as used (after a reconnect the items they paid for were
   * sent to a socket that was gone) and returns what each had open, with its mode.
   */
  forgetOpenCredits: () => Record<string, { auto: boolean; open: number }>;
  clear: () => void;
}

export const EMPTY_SINK: SinkView = { items: [], received: 0, granted: 0, auto: false };

/** Credits granted and not used yet. */
export function outstanding(s: SinkView): number {
  return Math.max(0, s.granted - s.received);
}

export const useSinkStore = create<SinkState>()((set, get) => ({
  sinks: {},
  received: (nodeId, items, skipped = 0) =>
    set((s) => {
      const cur = s.sinks[nodeId] ?? EMPTY_SINK;
      // The missed (`skipped`) came before these items, and only the newest ITEMS_LIMIT are kept.
      const first = cur.received + skipped + Math.max(0, items.length - ITEMS_LIMIT);
      const fresh = items.slice(-ITEMS_LIMIT).map((value, i) => ({ seq: first + i, value }));
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
  forgetOpenCredits: () => {
    const { sinks } = get();
    const owed: Record<string, { auto: boolean; open: number }> = {};
    for (const [id, view] of Object.entries(sinks)) owed[id] = { auto: view.auto, open: outstanding(view) };
    set({
      sinks: Object.fromEntries(Object.entries(sinks).map(([id, v]) => [id, { ...v, granted: v.received }])),
    });
    return owed;
  },
  // Auto settings outlive a run (they are the user's choice); counts and items do not.
  clear: () => {
    autoCredits.clear();
    dropArrivals();
    set((s) => ({
      sinks: Object.fromEntries(
        Object.entries(s.sinks).map(([id, v]) => [id, { ...EMPTY_SINK, auto: v.auto }]),
      ),
    }));
  },
}));

/**
 * Items that reached browser sinks since the Items tab last took them. A sink sends a message per
 * handful of items (at 200/s, one per item), and rendering the tab's rows for each one — or even
 * once per animation frame — kept Chromium's main thread busy nearly all the time on a loaded
 * machine: messages were handled 0.2–2 s late, and auto's top-ups with them. So arrivals are
 * counted at once (auto's credit decisions need the count), and the store — with it the Items
 * tab — takes them at the telemetry's 10 Hz. What waits is bounded: the newest ITEMS_LIMIT items
 * per sink and a count.
 */
const arrivals = new Map<string, { items: unknown[]; count: number }>();
const ARRIVALS_EVERY_MS = 100;
let arrivalsTimer: ReturnType<typeof setTimeout> | null = null;

/** `items` arrived for a sink, with `skipped` more this tab missed before them. */
export function arrive(nodeId: string, items: readonly unknown[], skipped: number): void {
  let p = arrivals.get(nodeId);
  if (!p) {
    p = { items: [], count: 0 };
    arrivals.set(nodeId, p);
  }
  for (const item of items) p.items.push(item);
  if (p.items.length > ITEMS_LIMIT) p.items.splice(0, p.items.length - ITEMS_LIMIT);
  p.count += items.length + skipped;
  arrivalsTimer ??= setTimeout(flushArrivals, ARRIVALS_EVERY_MS);
}

/** Credits a sink holds that no item has used yet, counting arrivals not painted yet. */
export function openCredits(nodeId: string): number {
  const view = useSinkStore.getState().sinks[nodeId];
  return view ? Math.max(0, outstanding(view) - (arrivals.get(nodeId)?.count ?? 0)) : 0;
}

/** Hands what arrived to the store now (every 100 ms, and when a run ends). */
export function flushArrivals(): void {
  const batch = [...arrivals];
  dropArrivals();
  const store = useSinkStore.getState();
  for (const [nodeId, p] of batch) store.received(nodeId, p.items, p.count - p.items.length);
}

function dropArrivals(): void {
  if (arrivalsTimer !== null) clearTimeout(arrivalsTimer);
  arrivalsTimer = null;
  arrivals.clear();
}
