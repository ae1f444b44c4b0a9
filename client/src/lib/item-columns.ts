import { formatTimeOfDay } from './format.js';

/**
 * Table columns for items of unknown shape: the keys seen in the newest items, in first-seen
 * order (generators' `id, ts, key, value` come out in that order), at most `max`.
 *
 * @example itemColumns([{ id: 1, value: 2 }, { id: 2, extra: true }]) // ['id', 'value', 'extra']
 */
export function itemColumns(items: readonly unknown[], max = 8): string[] {
  const cols: string[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    for (const key of Object.keys(item)) {
      if (!cols.includes(key)) cols.push(key);
      if (cols.length >= max) return cols;
    }
  }
  return cols;
}

/** Columns that hold epoch-ms timestamps (generators stamp `ts`; parse-log and windows add these). */
const TIME_COLUMN = /^(ts|time|timestamp|.*At|.*Ts)$/;
/** Epoch ms from 2001 to 2286: smaller or larger numbers in a `ts` column are something else. */
const EPOCH_MS = { min: 1e12, max: 1e13 };

/** The column holds a time the user reads as a clock time, not a 13-digit number. */
export function isTimeCell(column: string | undefined, v: unknown): v is number {
  return (
    column !== undefined &&
    TIME_COLUMN.test(column) &&
    typeof v === 'number' &&
    v >= EPOCH_MS.min &&
    v < EPOCH_MS.max
  );
}

/**
 * A cell's text: timestamps in a time column as local time (`23:01:02.345`), strings as they
 * are, numbers and the rest as compact JSON, cut at `max` chars.
 *
 * @example cellText(1767308462345, 80, 'ts') // '23:01:02.345' (in the browser's time zone)
 */
export function cellText(v: unknown, max = 80, column?: string): string {
  if (isTimeCell(column, v)) return formatTimeOfDay(v);
  const text = typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
