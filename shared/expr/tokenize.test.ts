import { describe, expect, it } from 'vitest';
import { ExprError } from './expr-error.js';
import { tokenize } from './tokenize.js';

const texts = (src: string) => tokenize(src).map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it('splits operators longest-first and records positions', () => {
    expect(texts('a<=b ~= "x"')).toEqual(['name:a', 'op:<=', 'name:b', 'op:~=', 'string:"x"', 'end:']);
    expect(tokenize('  x').map((t) => t.pos)).toEqual([2, 3]);
  });

  it('reads numbers with fractions and exponents', () => {
    expect(tokenize('1 2.5 1e3 4E-2').map((t) => t.value)).toEqual([1, 2.5, 1000, 0.04, null]);
  });

  it('decodes both quote styles and every escape', () => {
    const [t] = tokenize(String.raw`"a\"b\'c\\d\n\t\r\0\u0041"`);
    expect(t!.value).toBe('a"b\'c\\d\n\t\r\0A');
    expect(tokenize(`'it"s'`)[0]!.value).toBe('it"s');
  });

  it.each([
    ['1e999', 'out of range', 0],
    ['"abc', 'unterminated string starting at 0', 0],
    [String.raw`"\d"`, "unknown escape '\\d' at 1", 1],
    [String.raw`"\u12"`, 'bad \\u escape at 1', 1],
    ['a # b', "unexpected character '#' at 2", 2],
    ['2x', "unexpected 'x' after number at 1", 1],
    ['a ** 2', 'use ^ for powers', 2],
    ['a && b', "use 'and'", 2],
    ['a || b', "use 'or'", 2],
    ['!a', "use 'not'", 0],
    ['x = 1', "use '=='", 2],
    ['a; b', "';' is not supported", 1],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: user text, not a template
    ['`${x}`', 'template literals are not supported', 0],
    ['a ? b : c', 'if c then a else b', 2],
    ['{}', 'object literals are not supported', 0],
  ])('rejects %s with a located message', (src, message, pos) => {
    try {
      tokenize(src);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExprError);
      expect((e as ExprError).message).toContain(message);
      expect((e as ExprError).position).toBe(pos);
    }
  });
});
