import { describe, expect, it } from 'vitest';
import { highlight } from './expr-highlight.js';

describe('highlight', () => {
  it('colours keywords, functions, fields, literals and operators', () => {
    const spans = highlight('if lower(level) == "error" then 1.5 else x.y').filter((s) => s.kind !== 'space');
    expect(spans.map((s) => [s.kind, s.text])).toEqual([
      ['keyword', 'if'],
      ['function', 'lower'],
      ['op', '('],
      ['field', 'level'],
      ['op', ')'],
      ['op', '=='],
      ['string', '"error"'],
      ['keyword', 'then'],
      ['number', '1.5'],
      ['keyword', 'else'],
      ['field', 'x'],
      ['op', '.'],
      ['field', 'y'],
    ]);
  });

  it('never throws on half-typed text and covers the source exactly', () => {
    for (const src of ['"unclosed', 'a && b', '{', "'esc\\'", '']) {
      const spans = highlight(src);
      expect(spans.map((s) => s.text).join('')).toBe(src);
    }
    expect(highlight('a & b').find((s) => s.kind === 'error')?.text).toBe('&');
  });
});
