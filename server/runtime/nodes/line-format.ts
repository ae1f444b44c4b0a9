import type { Item } from '../node-behavior.js';

/** A log line never grows past this: one huge item must not flood the console. */
export const MAX_LINE_CHARS = 1_000;

const PLACEHOLDER = /\{([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\}/g;

/**
 * Compiles a `log` node's `format` once: `json` prints the whole item; anything else is a
 * template where `{field}` or `{a.b}` reads an own field (never a prototype's) and a missing one
 * prints as `-`. Other braces are kept as written.
 *
 * @example compileLineFormat('{level} {message}')({ level: 'WARN', message: 'disk' }) // 'WARN disk'
 */
export function compileLineFormat(format: string): (item: Item) => string {
  if (format.trim() === 'json') return (item) => cut(toJson(item));
  const parts: Array<string | string[]> = [];
  let last = 0;
  for (const m of format.matchAll(PLACEHOLDER)) {
    parts.push(format.slice(last, m.index));
    parts.push(m[1]!.split('.'));
    last = m.index + m[0].length;
  }
  parts.push(format.slice(last));
  return (item) => {
    let line = '';
    for (const part of parts) {
      line += typeof part === 'string' ? part : render(read(item, part));
      if (line.length > MAX_LINE_CHARS) break;
    }
    return cut(line);
  };
}

function read(item: Item, path: readonly string[]): unknown {
  let v: unknown = item;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function render(v: unknown): string {
  if (v === undefined) return '-';
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object') return toJson(v);
  return String(v);
}

function toJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '-';
  } catch {
    return '[not serialisable]';
  }
}

function cut(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line;
}
