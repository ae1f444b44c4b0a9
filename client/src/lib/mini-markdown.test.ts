import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './mini-markdown.js';

describe('mini markdown', () => {
  it('parses headings, lists and paragraphs with inline marks', () => {
    expect(parseMarkdown('# Why\nthe **DB** is\n*slow*\n\n- one\n- `two`')).toEqual([
      { t: 'h', level: 1, v: [{ t: 'text', v: 'Why' }] },
      {
        t: 'p',
        v: [
          { t: 'text', v: 'the ' },
          { t: 'b', v: 'DB' },
          { t: 'text', v: ' is ' },
          { t: 'i', v: 'slow' },
        ],
      },
      { t: 'ul', items: [[{ t: 'text', v: 'one' }], [{ t: 'code', v: 'two' }]] },
    ]);
  });

  it('keeps HTML as text and links only to http(s)', () => {
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([
      { t: 'text', v: '<img src=x onerror=alert(1)>' },
    ]);
    expect(parseInline('[x](javascript:alert(1))')).toEqual([
      { t: 'text', v: '[x](javascript:alert(1)' },
      { t: 'text', v: ')' },
    ]);
    expect(parseInline('[docs](https://example.com/a)')).toEqual([
      { t: 'a', v: 'docs', href: 'https://example.com/a' },
    ]);
  });
});
