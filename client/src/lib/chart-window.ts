/**
 * The charts' time window (issue 20): the last 30 s, the last 5 minutes, or the whole run. Pure:
 * the x range for a window and the part of a history inside it.
 */
export type ChartWindow = '30s' | '5m' | 'run';

export const CHART_WINDOWS: ReadonlyArray<[ChartWindow, string, string]> = [
  ['30s', '30 s', 'The last 30 seconds, at full rate'],
  ['5m', '5 min', 'The last 5 minutes'],
  ['run', 'whole run', 'From the run’s start to now (about 2,000 points, read back from the recording)'],
];

const SPAN_S: Record<Exclude<ChartWindow, 'run'>, number> = { '30s': 30, '5m': 300 };

export const isChartWindow = (v: unknown): v is ChartWindow => v === '30s' || v === '5m' || v === 'run';

/**
 * The x range (s of run time) a window shows, given the newest sample `lastT` (NaN before any)
 * and the timeline's cursor (null when live). The whole run starts at 0; a 30 s or 5 min window
 * ends at the newest sample (at least its own width, so a young run fills from the left) unless
 * the cursor is before it: then the window is centred on the cursor, so its line stays in view.
 * A run that has `ended` (a stopped run, a saved recording) will not grow into the room a young
 * one is given: shorter than the window, it spans the whole run, not a sliver at the left of an
 * axis running on to 5:00.
 *
 * @example windowRange('30s', 100, null) // [70, 100]
 * @example windowRange('30s', 100, 20)   // [5, 35]
 * @example windowRange('5m', 10.8, null, true) // [0, 10.8]
 */
export function windowRange(
  win: ChartWindow,
  lastT: number,
  cursorT: number | null,
  ended = false,
): [number, number] {
  const newest = Number.isFinite(lastT) ? Math.max(0, lastT) : 0;
  if (win === 'run') return [0, Math.max(1, newest, cursorT ?? 0)];
  const span = SPAN_S[win];
  if (ended && newest <= span) return [0, Math.max(1, newest)];
  const end = Math.max(span, newest);
  if (cursorT !== null && cursorT < end - span) {
    const lo = Math.max(0, cursorT - span / 2);
    return [lo, lo + span];
  }
  return [end - span, end];
}

/**
 * The samples of aligned data `[times, ...series]` inside [lo, hi], with one more either side
 * so a line runs to the edge of the plot rather than stopping short of it.
 */
export function sliceToRange<D extends [number[], ...(number | null)[][]]>(
  data: D,
  lo: number,
  hi: number,
): D {
  const t = data[0];
  let from = 0;
  while (from < t.length && t[from]! < lo) from++;
  let to = from;
  while (to < t.length && t[to]! <= hi) to++;
  from = Math.max(0, from - 1);
  to = Math.min(t.length, to + 1);
  if (from === 0 && to === t.length) return data;
  return data.map((col) => col.slice(from, to)) as D;
}
