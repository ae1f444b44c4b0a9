import { ExprError } from './expr-error.js';

export type TokenKind = 'number' | 'string' | 'name' | 'op' | 'end';

export interface Token {
  kind: TokenKind;
  /** Source text of the token (for error messages). */
  text: string;
  /** Decoded value of number and string literals. */
  value: number | string | null;
  pos: number;
}

// Longest first, so `<=` wins over `<`.
const OPERATORS = [
  '==',
  '!=',
  '<=',
  '>=',
  '~=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
];

// Characters people type out of habit from JavaScript: each gets an error that says what to
// write instead, rather than a bare "unexpected character".
const HINTS: Array<[string, string]> = [
  ['**', "'**' is not supported: use ^ for powers"],
  ['&&', "'&&' is not supported: use 'and'"],
  ['||', "'||' is not supported: use 'or'"],
  ['=>', 'functions cannot be defined in expressions'],
  ['=', "'=' is not allowed: use '==' to compare (there is no assignment)"],
  ['!', "'!' is not supported: use 'not'"],
  ['&', 'bitwise operators are not supported'],
  ['|', 'bitwise operators are not supported'],
  [';', "only one expression is allowed: ';' is not supported"],
  ['`', 'template literals are not supported: use "..." strings'],
  ['?', "use 'if c then a else b' for conditions"],
  [':', "use 'if c then a else b' for conditions"],
  ['{', 'object literals are not supported'],
  ['}', 'object literals are not supported'],
];

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNamePart = (c: string) => isNameStart(c) || isDigit(c);

/**
 * Splits source text into tokens. Hand-written and single-pass, so its cost is linear in the
 * (length-limited) source whatever the input.
 *
 * @example tokenize('a >= 2').map((t) => t.text) // ['a', '>=', '2', '']
 */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c)) {
      i = readNumber(src, i, tokens);
    } else if (c === '"' || c === "'") {
      i = readString(src, i, tokens);
    } else if (isNameStart(c)) {
      const start = i;
      while (i < src.length && isNamePart(src[i]!)) i++;
      const text = src.slice(start, i);
      tokens.push({ kind: 'name', text, value: text, pos: start });
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      // '==' and '!=' are real operators; the hints only apply when no operator matched.
      if (op !== undefined && !src.startsWith('**', i)) {
        tokens.push({ kind: 'op', text: op, value: null, pos: i });
        i += op.length;
        continue;
      }
      const hint = HINTS.find(([h]) => src.startsWith(h, i));
      if (hint) throw new ExprError(`${hint[1]} (at ${i})`, i, hint[0]);
      const ch = String.fromCodePoint(src.codePointAt(i)!);
      throw new ExprError(`unexpected character '${ch}' at ${i}`, i, ch);
    }
  }
  tokens.push({ kind: 'end', text: '', value: null, pos: src.length });
  return tokens;
}

function readNumber(src: string, start: number, tokens: Token[]): number {
  let i = start;
  while (i < src.length && isDigit(src[i]!)) i++;
  if (src[i] === '.' && isDigit(src[i + 1] ?? '')) {
    i++;
    while (i < src.length && isDigit(src[i]!)) i++;
  }
  if (src[i] === 'e' || src[i] === 'E') {
    let j = i + 1;
    if (src[j] === '+' || src[j] === '-') j++;
    if (isDigit(src[j] ?? '')) {
      while (j < src.length && isDigit(src[j]!)) j++;
      i = j;
    }
  }
  const text = src.slice(start, i);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ExprError(`number ${text} is out of range at ${start}`, start, text);
  if (i < src.length && isNameStart(src[i]!)) {
    throw new ExprError(`unexpected '${src[i]}' after number at ${i}`, i, src[i]!);
  }
  tokens.push({ kind: 'number', text, value, pos: start });
  return i;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

function readString(src: string, start: number, tokens: Token[]): number {
  const quote = src[start]!;
  let out = '';
  let i = start + 1;
  while (i < src.length && src[i] !== quote) {
    const c = src[i]!;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = src[i + 1] ?? '';
    if (e === 'u') {
      const hex = /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6)) ? src.slice(i + 2, i + 6) : null;
      if (hex === null)
        throw new ExprError(`bad \\u escape at ${i}: expected 4 hex digits`, i, src.slice(i, i + 6));
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 6;
    } else if (Object.hasOwn(ESCAPES, e)) {
      out += ESCAPES[e];
      i += 2;
    } else {
      const msg = `unknown escape '\\${e}' at ${i} (write '\\\\${e}' for a backslash, e.g. in a regex)`;
      throw new ExprError(msg, i, `\\${e}`);
    }
  }
  if (i >= src.length) throw new ExprError(`unterminated string starting at ${start}`, start, quote);
  tokens.push({ kind: 'string', text: src.slice(start, i + 1), value: out, pos: start });
  return i + 1;
}
