import type { RecordedTrace } from '../../../shared/protocol/trace.js';
import { fetchTraces, type RecordingSource } from '../api/recording-client.js';
import { PAGE_MS, pageOf } from '../lib/frame-cache.js';
import { useReplayTraceStore } from '../stores/replay-trace-store.js';
import { useTimelineStore } from '../stores/timeline-store.js';

/**
 * Followed items for the time cursor: fetched a window (PAGE_MS, as frames are) at a time from
 * the recording, the window widened by LEAD_MS before it so an item that entered its queue just
 * before the window is there too. At most MAX_PAGES windows are held (least recently used goes),
 * each at most what the recorder keeps (1,000 traces). A window of a run still going is asked
 * again once REFETCH_MS old: its newest items were still moving.
 */
const MAX_PAGES = 3;
const LEAD_MS = 5_000;
const REFETCH_MS = 2_000;

interface Page {
  traces: RecordedTrace[];
  /** The page was fetched with the recording past its end (or ended): it will not change. */
  complete: boolean;
  at: number;
  used: number;
}

const pages = new Map<number, Page>();
const inFlight = new Set<number>();
let generation = 0;
let clock = 0;

/** Another timeline: forget every item. */
export function resetReplayTraces(): void {
  pages.clear();
  inFlight.clear();
  generation += 1;
  useReplayTraceStore.getState().reset();
}

/** The cursor is at `t`: its window's items are fetched when missing (or stale). */
export function tracesForCursor(t: number): void {
  const { source, ended, endT } = useTimelineStore.getState();
  if (!source) return;
  const index = pageOf(t);
  const page = pages.get(index);
  if (page) {
    page.used = ++clock;
    if (page.complete || performance.now() - page.at < REFETCH_MS) return;
  }
  if (inFlight.has(index)) return;
  void load(source, index, ended || (index + 1) * PAGE_MS <= endT);
}

async function load(source: RecordingSource, index: number, complete: boolean): Promise<void> {
  inFlight.add(index);
  const gen = generation;
  try {
    const start = index * PAGE_MS;
    const traces = await fetchTraces(source, Math.max(0, start - LEAD_MS), start + PAGE_MS - 1);
    if (gen !== generation) return;
    pages.set(index, { traces, complete, at: performance.now(), used: ++clock });
    while (pages.size > MAX_PAGES) {
      let oldest: number | undefined;
      for (const [i, p] of pages) if (oldest === undefined || p.used < pages.get(oldest)!.used) oldest = i;
      pages.delete(oldest!);
    }
    publish();
  } catch {
    // No items to draw for this window; the frames still show. Asked again on the next seek.
  } finally {
    if (gen === generation) inFlight.delete(index);
  }
}

/** Every held window's items, one entry per trace (a later window's copy is newer). */
function publish(): void {
  const all: Record<string, RecordedTrace> = {};
  const ordered = [...pages.entries()].sort((a, b) => a[0] - b[0]);
  for (const [, page] of ordered) for (const t of page.traces) all[t.traceId] = t;
  useReplayTraceStore.getState().put(all);
}
