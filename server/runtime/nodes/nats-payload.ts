import { POISON_KEYS } from '../../../shared/graph/poison-keys.js';
import type { Item } from '../node-behavior.js';

/** Deepest nesting a message may have (the default SLUICE_MAX_NESTING_DEPTH of graph documents). */
export const MAX_MESSAGE_DEPTH = 16;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One NATS message as an item, or undefined when it is malformed (over `maxBytes`, not UTF-8,
 * nested deeper than MAX_MESSAGE_DEPTH, or holding a key that could reach a prototype: messages
 * are untrusted). A JSON object is the item; other JSON is `{ value }`; text that is not JSON is
 * `{ value: text }`. Items without a numeric `ts` get `wallNow`, as every source stamps them.
 *
 * @example decodeMessage(new TextEncoder().encode('hello'), 1024, 5) // { value: 'hello', ts: 5 }
 */
export function decodeMessage(data: Uint8Array, maxBytes: number, wallNow: number): Item | undefined {
  if (data.length > maxBytes) return undefined;
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { value: text, ts: wallNow };
  }
  if (!safe(parsed)) return undefined;
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const item = parsed as Item;
    if (typeof item.ts !== 'number') item.ts = wallNow;
    return item;
  }
  return { value: parsed, ts: wallNow };
}

/** No poisoning key and no nesting past MAX_MESSAGE_DEPTH, walked without recursion. */
function safe(value: unknown): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_MESSAGE_DEPTH) return false;
    for (const key of Object.keys(v)) {
      if (POISON_KEYS.has(key)) return false;
      stack.push([(v as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return true;
}
