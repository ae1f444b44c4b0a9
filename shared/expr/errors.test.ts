import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression.js';
import { EXPR_LIMITS } from './limits.js';
import { errorOf } from './test-helpers.js';

describe('syntax errors point at the offending position', () => {
  it.each([
    ['(value + 2', "expected ')' at 10 but found end of expression", 10, ''],
    ['min(a, b', "expected ')' at 8", 8, ''],
    ['value +', 'unexpected end of expression at 7', 7, ''],
    ['value 2', "expected end of expression at 6 but found '2'", 6, '2'],
    ['a AND b', '(keywords are lowercase)', 2, 'AND'],
    [') + 1', "unexpected ')' at 0", 0, ')'],
    ['a < b < c', "comparisons cannot be chained at 6: use 'and'", 6, '<'],
    ['if a then b', "expected 'else' at 11", 11, ''],
    ['a.5', "expected a field name after '.' at 2", 2, '5'],
    ['lower(x).y()', 'only named functions can be called', 10, '('],
    ['x in ()', "unexpected ')' at 6", 6, ')'],
    ['and', "unexpected 'and' at 0", 0, 'and'],
  ])('%s', (src, message, position, token) => {
    const e = errorOf(src);
    expect(e.message).toContain(message);
    expect(e.position).toBe(position);
    expect(e.token).toBe(token);
  });
});

describe('names', () => {
  it('names an unknown function and suggests close ones', () => {
    const e = errorOf('1 + lowr(msg)');
    expect(e.message).toBe("unknown function 'lowr' at 4; did you mean lower?");
    expect([e.position, e.token]).toEqual([4, 'lowr']);
    expect(errorOf('startswith(a, "b")').message).toContain('did you mean startsWith?');
    expect(errorOf('zzz(1)').message).toBe("unknown function 'zzz' at 0");
  });

  it('checks argument counts against the signature', () => {
    expect(errorOf('substr("a")').message).toBe(
      'substr() takes 2 to 3 arguments, got 1 (at 0): substr(s: string, start: number, length?: number): string',
    );
    expect(errorOf('lower()').message).toContain('lower() takes 1 argument, got 0');
    expect(errorOf(`max(${Array(33).fill(1).join(',')})`).message).toContain('takes 1 to 32 arguments');
  });

  it('allows any field unless a known-fields list is given', () => {
    expect(compileExpression('anything.at.all').ok).toBe(true);
    const e = errorOf('level == "E" and lvl > 1', ['level', 'latencyMs']);
    expect(e.message).toBe("unknown field 'lvl' at 17; did you mean level? (known fields: level, latencyMs)");
    expect([e.position, e.token]).toEqual([17, 'lvl']);
  });

  it('accepts nested paths under a known field, or exactly listed paths', () => {
    expect(compileExpression('http.status', { fields: ['http'] }).ok).toBe(true);
    expect(compileExpression('http.status', { fields: ['http.status'] }).ok).toBe(true);
    expect(errorOf('http.method', ['http.status']).token).toBe('http.method');
  });

  it('reports the fields an expression reads', () => {
    const r = compileExpression('lower(b) ~= "x" and a.c > 1 or item["odd key"] == a.c');
    expect(r.ok && r.fields).toEqual(['a.c', 'b', 'odd key']);
  });
});

describe('regex operands', () => {
  it('compiles literal patterns once and reports bad ones at the pattern', () => {
    const e = errorOf('msg ~= "(unclosed"');
    expect(e.message).toMatch(/^invalid regex at 7: .*missing closing \)/);
    expect(e.position).toBe(7);
    expect(errorOf('msg ~= "a{1001}"').message).toContain('invalid repeat count');
    expect(errorOf('msg ~= "(a)\\\\1"').message).toContain('invalid escape');
  });

  it('rejects patterns computed from data', () => {
    const e = errorOf('msg ~= pattern');
    expect(e.message).toBe(
      "the pattern after '~=' must be a string literal at 7 (patterns are compiled once)",
    );
    expect(compileExpression('msg ~= "a" + "b"').ok).toBe(true); // folds to a constant
  });
});

describe('limits', () => {
  it('rejects over-long source', () => {
    const e = errorOf(`a + ${'1'.repeat(EXPR_LIMITS.maxSourceLength)}`);
    expect(e.message).toBe(`expression is too long (2004 characters, limit ${EXPR_LIMITS.maxSourceLength})`);
  });

  it('rejects too many nodes', () => {
    const list = Array(600).fill(1).join(',');
    expect(errorOf(`x in (${list})`).message).toMatch(/too large \(more than 500 parts\) at \d+$/);
  });

  it('rejects deep nesting, by parentheses or by long operator chains', () => {
    expect(errorOf(`${'('.repeat(70)}1${')'.repeat(70)}`).message).toMatch(
      /nests too deeply \(more than 64 levels\)/,
    );
    expect(errorOf(Array(70).fill('a').join(' and ')).message).toMatch(/nests too deeply/);
    expect(errorOf(`${'-'.repeat(70)}1`).message).toMatch(/nests too deeply/);
    expect(compileExpression(`${'('.repeat(30)}1${')'.repeat(30)}`).ok).toBe(true);
  });

  it('never throws from compileExpression, even for non-strings', () => {
    const r = compileExpression(42 as unknown as string);
    expect(r).toEqual({
      ok: false,
      error: { message: 'expression must be a string', position: 0, token: '' },
    });
  });
});
