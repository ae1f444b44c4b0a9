import { describe, expect, it } from 'vitest';
import { REFERENCE_SAMPLE_ITEM } from './function-spec.js';
import { FUNCTION_SPECS } from './functions.js';
import { fnv1a32 } from './hash.js';
import { run } from './test-helpers.js';

describe('every function', () => {
  it.each(FUNCTION_SPECS.map((f) => [f.name, f.example, f.result]))('%s: %s → %s', (_, example, result) => {
    expect(JSON.stringify(run(example, REFERENCE_SAMPLE_ITEM))).toBe(result);
  });
});

describe('function edge cases', () => {
  it.each([
    ['lower(5)', null],
    ['upper(null)', null],
    ['trim(1)', null],
    ['len("héllo")', 5],
    ['len(5)', null],
    ['contains("abc", 1)', false],
    ['contains(null, "a")', false],
    ['startsWith(5, "5")', false],
    ['substr("abcdef", 2)', 'cdef'],
    ['substr("abcdef", -3, 2)', 'de'],
    ['substr("abc", 10)', ''],
    ['substr("abc", -10, 1)', 'a'],
    ['substr("abc", 1, -1)', ''],
    ['substr("abc", "x")', null],
    ['indexOf("abc", "z")', -1],
    ['replace("aaa", "a", "bb")', 'bbbbbb'],
    ['replace("abc", "", "x")', 'abc'],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(1.2345, 2)', 1.23],
    ['round(1, "x")', null],
    ['sqrt(-1)', null],
    ['log(0)', null],
    ['exp(1000)', null],
    ['min("a", null)', null],
    ['max(1, 5, 3)', 5],
    ['clamp(5, 10, 1)', null],
    ['num("  12 ")', 12],
    ['num("")', null],
    ['num("12abc")', null],
    ['num(true)', 1],
    ['num("1e999")', null],
    ['str(12.5)', '12.5'],
    ['str(false)', 'false'],
    ['str(null)', null],
    ['bool("0")', true],
    ['type(null)', 'null'],
    ['type(tags)', 'array'],
    ['type(1)', 'number'],
    ['coalesce(null, null)', null],
    ['hash(null)', 0],
    ['hash(42) == hash("42")', true],
  ])('%s = %j', (src, want) => {
    expect(run(src, REFERENCE_SAMPLE_ITEM)).toEqual(want);
  });

  it('str renders arrays and objects as JSON from own data, and gives null for cycles', () => {
    expect(run('str(http)', REFERENCE_SAMPLE_ITEM)).toBe('{"status":503,"method":"GET"}');
    expect(run('str(tags)', REFERENCE_SAMPLE_ITEM)).toBe('["api","eu"]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(run('str(self)', cyclic)).toBeNull();
    expect(run('hash(self)', cyclic)).toBe(0);
  });

  it('replace refuses to build huge strings', () => {
    expect(
      run('replace(s, "a", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")', {
        s: 'a'.repeat(100_000),
      }),
    ).toBeNull();
  });

  it('hash is standard FNV-1a over UTF-8', () => {
    expect([fnv1a32(''), fnv1a32('a'), fnv1a32('foobar')]).toEqual([2166136261, 3826002220, 3214735720]);
    expect([fnv1a32('é'), fnv1a32('😀'), fnv1a32('\ud800')]).toEqual([513665217, 866293256, 55024714]);
    expect(run('hash(key) % 4', { key: 'user-42' })).toBe(39875499 % 4);
  });
});
