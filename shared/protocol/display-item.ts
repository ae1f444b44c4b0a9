/**
 * What a `browser` sink sends to the UI is the item cut down for display. A table row needs its
 * first characters, not a 64 KB payload; sending whole items made one fast sink cost the server
 * gigabytes and every other client its frames. Pure, so the worker (which cuts) and the client
 * (which shows the mark) share one definition.
 */

/** Items up to about this many bytes of JSON go to the UI as they are. */
export const MAX_DISPLAY_ITEM_BYTES = 2_048;
/** A cut item carries this field: the approximate JSON size of the whole item, bytes. */
export const TRUNCATED_FIELD = '_truncated';
/** Characters a string keeps in a cut item. */
const PREVIEW_CHARS = 64;
/** A nested object or array this small stays whole in a cut item. */
const NESTED_KEEP_BYTES = 256;
/** Deeper than this the walk stops counting: items from the API are depth-limited long before. */
const MAX_DEPTH = 64;

/**
 * The size of `value` as JSON, approximately (characters, escapes not counted), without
 * serialising it: a string costs its length, so a 64 KB payload costs nothing to measure.
 *
 * @example approxJsonBytes({ id: 1, payload: 'xxxx' }) // 25
 */
export function approxJsonBytes(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean') return 5;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return 4;
  let n = 2;
  if (Array.isArray(value)) {
    for (const v of value) n += approxJsonBytes(v, depth + 1) + 1;
    return n;
  }
  for (const [k, v] of Object.entries(value)) n += k.length + 4 + approxJsonBytes(v, depth + 1);
  return n;
}

/**
 * The item as the UI gets it: itself when small; otherwise its top-level fields with long
 * strings cut to a preview and big nested values elided, plus `_truncated` with the whole
 * item's size. The result stays within about `maxBytes`.
 *
 * @example displayItem({ id: 7, payload: 'x'.repeat(65_536) }) // { id: 7, payload: 'xxx…', _truncated: 65_555 }
 */
export function displayItem(item: unknown, maxBytes = MAX_DISPLAY_ITEM_BYTES): unknown {
  const bytes = approxJsonBytes(item);
  if (bytes <= maxBytes) return item;
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return { value: preview(item), [TRUNCATED_FIELD]: bytes };
  const out: Record<string, unknown> = {};
  let used = 32;
  for (const [k, v] of Object.entries(item)) {
    const shown = typeof v === 'string' ? cut(v) : typeof v === 'object' && v !== null ? preview(v) : v;
    used += k.length + 4 + approxJsonBytes(shown);
    if (used > maxBytes) break;
    out[k] = shown;
  }
  out[TRUNCATED_FIELD] = bytes;
  return out;
}

/** The `_truncated` size of an item the server cut for display, or undefined for a whole item. */
export function truncatedBytes(item: unknown): number | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const n = (item as Record<string, unknown>)[TRUNCATED_FIELD];
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * How the UI marks a cut item.
 *
 * @example truncatedLabel(65_555) // 'truncated, 64 KB'
 */
export function truncatedLabel(bytes: number): string {
  const kb = bytes / 1024;
  return `truncated, ${kb < 10 ? kb.toFixed(1).replace(/\.0$/, '') : Math.round(kb).toLocaleString('en-US')} KB`;
}

function cut(s: string): string {
  return s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS)}…` : s;
}

function preview(v: unknown): unknown {
  if (typeof v === 'string') return cut(v);
  if (approxJsonBytes(v) <= NESTED_KEEP_BYTES) return v;
  return Array.isArray(v) ? `[… ${v.length} entries]` : '{…}';
}
