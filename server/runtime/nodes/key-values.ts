import { POISON_KEYS } from '../../../shared/graph/poison-keys.js';

/** Most pairs taken from one message: bounds the fields (and hidden-class shapes) a line can make. */
export const MAX_PAIRS = 32;

/** Set by the runtime, never by a line. */
const RESERVED = new Set(['id', 'ts']);

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isKeyStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isKeyChar = (c: number) => isKeyStart(c) || (c >= 48 && c <= 57);

/** An unquoted value that is a plain decimal number becomes a number; anything else stays text. */
export function scalar(text: string): string | number {
  if (text.length === 0 || text.length > 32 || !NUMBER.test(text)) return text;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/**
 * Copies `key=value` and `key="quoted \"value\""` pairs of `message` into `out`: keys are
 * identifiers, unquoted values that are numbers become numbers. Existing fields of `out` and
 * prototype-reaching names are never written. A hand-written scan (no backtracking regex), so
 * the cost is linear in the message whatever it holds.
 *
 * @example addKeyValues('GET / status=200 latencyMs=12 q="a b"', out) // out.status = 200, out.q = 'a b'
 */
export function addKeyValues(message: string, out: Record<string, unknown>): void {
  const n = message.length;
  let pairs = 0;
  let i = 0;
  // Once a quote is found unclosed, later ones are taken as written without scanning: rescanning
  // to the end for each would make a line of unclosed quotes quadratic.
  let unclosed = false;
  while (i < n && pairs < MAX_PAIRS) {
    while (i < n && isSpace(message.charCodeAt(i))) i++;
    const start = i;
    if (i < n && isKeyStart(message.charCodeAt(i))) {
      i++;
      while (i < n && isKeyChar(message.charCodeAt(i))) i++;
      if (i < n && message.charCodeAt(i) === 61 /* = */) {
        const key = message.slice(start, i);
        i++;
        let value: string | number;
        const q = i < n && message.charCodeAt(i) === 34 /* " */ && !unclosed ? quoted(message, i) : undefined;
        if (q) {
          value = q[0];
          i = q[1];
        } else if (i < n && message.charCodeAt(i) === 34) {
          unclosed = true;
          const from = i;
          while (i < n && !isSpace(message.charCodeAt(i))) i++;
          value = message.slice(from, i);
        } else {
          const from = i;
          while (i < n && !isSpace(message.charCodeAt(i))) i++;
          value = scalar(message.slice(from, i));
        }
        if (!Object.hasOwn(out, key) && !POISON_KEYS.has(key) && !RESERVED.has(key)) {
          out[key] = value;
          pairs++;
        }
        continue;
      }
    }
    while (i < n && !isSpace(message.charCodeAt(i))) i++; // not a pair: skip the word
  }
}

/** The text of a quoted value starting at `open` (a `"`), unescaped, and where scanning resumes; undefined when unclosed. */
function quoted(s: string, open: number): [string, number] | undefined {
  let text = '';
  let from = open + 1;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */ && i + 1 < s.length) {
      text += s.slice(from, i);
      from = i + 1; // keep the escaped character itself
      i++;
    } else if (c === 34) {
      return [text + s.slice(from, i), i + 1];
    }
  }
  return undefined;
}
