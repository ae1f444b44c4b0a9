import { describe, expect, it } from 'vitest';
import { run } from './test-helpers.js';
import { isTruthy } from './values.js';

const item = {
  value: 21,
  id: 7,
  level: 'ERROR',
  latencyMs: 420,
  s: 'abc',
  http: { status: 503 },
  tags: ['api', 'eu'],
};

describe('arithmetic', () => {
  it.each([
    ['value * 2', 42],
    ['value - 1', 20],
    ['value / 2', 10.5],
    ['value % 4', 1],
    ['-7 % 3', -1],
    ['value ^ 2', 441],
    ['2 * value', 42],
    ['100 - value', 79],
    ['value + id', 28],
    ['-value', -21],
    ['"n=" + value', 'n=21'],
    ['s + true', 'abctrue'],
    ['s + "!"', 'abc!'],
  ])('%s = %j', (src, want) => {
    expect(run(src, item)).toBe(want);
  });

  it.each(['value / 0', 'value % 0', '0 / 0', '10 ^ 400', 'value * 1e308 * 10', '(-8) ^ 0.5'])(
    '%s is null (no NaN or Infinity)',
    (src) => {
      expect(run(src, item)).toBeNull();
    },
  );
});

describe('null and missing fields', () => {
  it.each([
    ['missing', null],
    ['missing + 1', null],
    ['missing * 2', null],
    ['"a" + missing', null],
    ['-missing', null],
    ['missing == null', true],
    ['missing != null', false],
    ['missing > 1', false],
    ['missing < 1', false],
    ['missing.deeper.still', null],
    ['http.missing', null],
    ['tags[5]', null],
    ['s.length', null],
    ['lower(missing)', null],
    ['coalesce(missing, 5)', 5],
    ['not missing', true],
    ['missing in (null)', true],
  ])('%s = %j', (src, want) => {
    expect(run(src, item)).toBe(want);
  });

  it('treats undefined, NaN, Infinity, functions, symbols and bigints in data as null', () => {
    const odd = {
      u: undefined,
      n: Number.NaN,
      i: Number.POSITIVE_INFINITY,
      f: () => 1,
      y: Symbol('s'),
      b: 10n,
    };
    for (const k of Object.keys(odd)) {
      expect(run(k, odd)).toBeNull();
      expect(run(`${k} == null`, odd)).toBe(true);
      expect(run(`${k} > 0`, odd)).toBe(false);
      expect(run(`${k} * 2`, odd)).toBeNull();
    }
  });

  it('evaluates against a non-object item as if it were empty', () => {
    const r = run('value == null', null as unknown as Record<string, unknown>);
    expect(r).toBe(true);
  });
});

describe('comparison and logic', () => {
  it.each([
    ['value == 21', true],
    ['value == "21"', false],
    ['21 == value', true],
    ['250 < latencyMs', true],
    ['level != "INFO"', true],
    ['"abc" < "abd"', true],
    ['s >= "abc"', true],
    ['value < "x"', false],
    ['true == 1', false],
    ['null == null', true],
    ['http == http', true],
    ['level == "ERROR" and latencyMs > 250', true],
    ['level == "INFO" or id > 5', true],
    ['value and s', true],
    ['0 or ""', false],
    ['not 0', true],
    ['level in ("WARN", "ERROR")', true],
    ['level not in ("WARN", "ERROR")', false],
    ['id in (1, value - 14)', true],
    ['"eu" in tags', true],
    ['"x" in s', false],
    ['if latencyMs > 250 then "slow" else "fast"', 'slow'],
    ['if missing then 1 else 2', 2],
  ])('%s = %j', (src, want) => {
    expect(run(src, item)).toBe(want);
  });

  it('short-circuits (the right side is not needed when the left decides)', () => {
    expect(run('false and (1 / 0 > 1)', item)).toBe(false);
    expect(run('true or missing', item)).toBe(true);
  });
});

describe('regex match ~=', () => {
  it.each([
    ['lower(level) ~= "err"', true],
    ['level ~= "^ERR"', true],
    ['level ~= "^err"', false],
    ['level ~= "(?i)^err"', true],
    ['s ~= "b+c$"', true],
    ['value ~= "^2"', true],
    ['missing ~= ""', false],
    ['tags ~= "api"', false],
    ['"a.b" ~= "a\\\\.b"', true],
  ])('%s = %j', (src, want) => {
    expect(run(src, item)).toBe(want);
  });
});

describe('isTruthy', () => {
  it('treats false, null, undefined, 0, NaN and "" as false, all else as true', () => {
    for (const v of [false, null, undefined, 0, -0, Number.NaN, '']) expect(isTruthy(v)).toBe(false);
    for (const v of [true, 1, -1, 'x', 'false', [], {}]) expect(isTruthy(v)).toBe(true);
  });
});
