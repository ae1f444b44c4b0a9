import { KEYWORDS } from '../../../shared/expr/grammar.js';
import { LANGUAGE_REFERENCE } from '../../../shared/expr/index.js';

export type SpanKind = 'space' | 'number' | 'string' | 'keyword' | 'function' | 'field' | 'op' | 'error';

export interface Span {
  kind: SpanKind;
  text: string;
  start: number;
}

const FUNCTIONS = new Set(LANGUAGE_REFERENCE.functions.map((f) => f.name));
const OPS = [
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

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => /[A-Za-z_]/.test(c);
const isNamePart = (c: string) => /[A-Za-z0-9_]/.test(c);

/**
 * Splits an expression into coloured spans for the editor. Unlike the compiler's tokenizer it
 * never throws: it has to colour half-typed text (an unclosed string runs to the end), and
 * what the language does not know is an `error` span. The spans cover the source exactly.
 *
 * @example highlight('len(msg) > 3').map((s) => s.kind)
 * // ['function', 'op', 'field', 'op', 'space', 'op', 'space', 'number']
 */
export function highlight(src: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  const push = (kind: SpanKind, end: number) => {
    spans.push({ kind, text: src.slice(i, end), start: i });
    i = end;
  };
  while (i < src.length) {
    const c = src[i]!;
    let j = i + 1;
    if (/\s/.test(c)) {
      while (j < src.length && /\s/.test(src[j]!)) j++;
      push('space', j);
    } else if (isDigit(c)) {
      while (j < src.length && /[0-9.eE]/.test(src[j]!)) j++;
      push('number', j);
    } else if (c === '"' || c === "'") {
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      push('string', Math.min(src.length, j + 1));
    } else if (isNameStart(c)) {
      while (j < src.length && isNamePart(src[j]!)) j++;
      const word = src.slice(i, j);
      const called = /^\s*\(/.test(src.slice(j));
      push(KEYWORDS.has(word) ? 'keyword' : called && FUNCTIONS.has(word) ? 'function' : 'field', j);
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      push(op ? 'op' : 'error', i + (op?.length ?? 1));
    }
  }
  return spans;
}
