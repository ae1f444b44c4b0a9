import { create } from 'zustand';
import { type ChartWindow, isChartWindow } from '../lib/chart-window.js';

export type DialogName =
  | 'shortcuts'
  | 'open'
  | 'share'
  | 'import'
  | 'gallery'
  | 'revisions'
  | 'runs'
  | 'cluster'
  | 'edit-token'
  | 'claim'
  | 'recording';
export type BottomTab = 'charts' | 'console' | 'items' | 'trace' | 'taps';
const BOTTOM_TABS: readonly string[] = ['charts', 'console', 'items', 'trace', 'taps'];

/** Panel sizes and which tab is open survive a reload; dialogs do not. */
const KEY = 'sluice:ui:v1';
export const BOTTOM_MIN = 140;
export const BOTTOM_MAX = 640;

interface Persisted {
  bottomOpen: boolean;
  bottomHeight: number;
  bottomTab: BottomTab;
  /** The charts' time window: kept per browser, as the panel's layout is. */
  chartWindow: ChartWindow;
}

interface UiState extends Persisted {
  dialog: DialogName | null;
  openDialog: (name: DialogName) => void;
  closeDialog: () => void;
  setBottom: (patch: Partial<Persisted>) => void;
  /** Opens the bottom panel on a tab (e.g. when a browser sink starts receiving). */
  showTab: (tab: BottomTab) => void;
  /** The throughput chart's view the user picked; null lets the graph decide (see ChartsTab). */
  chartView: 'smoothed' | 'per-frame' | null;
  setChartView: (view: 'smoothed' | 'per-frame') => void;
  setChartWindow: (win: ChartWindow) => void;
  /** The minimap over the canvas's bottom-right corner: folded by default, it would cover nodes. */
  minimap: boolean;
  toggleMinimap: () => void;
}

function readPersisted(): Persisted {
  const fallback: Persisted = { bottomOpen: true, bottomHeight: 250, bottomTab: 'charts', chartWindow: '5m' };
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Persisted> | null;
    if (!raw) return fallback;
    return {
      bottomOpen: typeof raw.bottomOpen === 'boolean' ? raw.bottomOpen : fallback.bottomOpen,
      bottomHeight: clampHeight(Number(raw.bottomHeight) || fallback.bottomHeight),
      bottomTab: BOTTOM_TABS.includes(String(raw.bottomTab)) ? (raw.bottomTab as BottomTab) : 'charts',
      chartWindow: isChartWindow(raw.chartWindow) ? raw.chartWindow : fallback.chartWindow,
    };
  } catch {
    return fallback;
  }
}

export function clampHeight(h: number): number {
  return Math.round(Math.min(BOTTOM_MAX, Math.max(BOTTOM_MIN, h)));
}

export const useUiStore = create<UiState>()((set) => ({
  ...readPersisted(),
  dialog: null,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setBottom: (patch) =>
    set(
      patch.bottomHeight === undefined ? patch : { ...patch, bottomHeight: clampHeight(patch.bottomHeight) },
    ),
  showTab: (bottomTab) => set({ bottomTab, bottomOpen: true }),
  chartView: null,
  setChartView: (chartView) => set({ chartView }),
  setChartWindow: (chartWindow) => set({ chartWindow }),
  minimap: false,
  toggleMinimap: () => set((s) => ({ minimap: !s.minimap })),
}));

useUiStore.subscribe((s, prev) => {
  if (
    s.bottomOpen === prev.bottomOpen &&
    s.bottomHeight === prev.bottomHeight &&
    s.bottomTab === prev.bottomTab &&
    s.chartWindow === prev.chartWindow
  )
    return;
  try {
    localStorage.setItem(
      KEY,
      JSON.stringify({
        bottomOpen: s.bottomOpen,
        bottomHeight: s.bottomHeight,
        bottomTab: s.bottomTab,
        chartWindow: s.chartWindow,
      }),
    );
  } catch {
    // Private mode: the layout just does not persist.
  }
});
