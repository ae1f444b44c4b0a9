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

/** A cell's text: strings as they are, numbers and the rest as compact JSON, cut at `max` chars. */
export function cellText(v: unknown, max = 80): string {
  const text = typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
