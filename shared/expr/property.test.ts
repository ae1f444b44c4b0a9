import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, compileOrThrow } from './compile-expression.js';
import { ExprError } from './expr-error.js';
import { LANGUAGE_REFERENCE } from './reference.js';

// Token soup: random sequences of real vocabulary reach much deeper into the parser and the
// compiler than random characters do.
const VOCAB = [
  ...['value', 'id', 'level', 'message', 'http', 'status', 'tags', 'item', 'x', 'toString', 'valueOf'],
  ...['__proto__', 'constructor', 'prototype', 'process', 'globalThis'],
  ...['and', 'or', 'not', 'in', 'if', 'then', 'else', 'true', 'false', 'null'],
  ...['+', '-', '*', '/', '%', '^', '==', '!=', '<', '<=', '>', '>=', '~=', '(', ')', '[', ']', ',', '.'],
  ...['0', '1', '2.5', '-1', '1e3', '"ERROR"', "'a'", '""', '"(a+)+$"', '"[unclosed"', '"\\\\d+"'],
  ...LANGUAGE_REFERENCE.functions.map((f) => f.name),
];
const tokenSoup = fc.array(fc.constantFrom(...VOCAB), { maxLength: 25 }).map((t) => t.join(' '));
const source = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), tokenSoup);

const FIELD_NAMES = [
  'value',
  'id',
  'level',
  'message',
  'http',
  'status',
  'tags',
  'x',
  'toString',
  '__proto__',
];
const anyValue = fc.anything({
  key: fc.constantFrom(...FIELD_NAMES),
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});
const anyItem = fc.dictionary(fc.constantFrom(...FIELD_NAMES), anyValue) as fc.Arbitrary<
  Record<string, unknown>
>;

const protoKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();

describe('properties', () => {
  it('compiling any text throws nothing but ExprError, and compileExpression never throws', () => {
    const before = protoKeys();
    fc.assert(
      fc.property(source, (src) => {
        try {
          compileOrThrow(src);
        } catch (e) {
          if (!(e instanceof ExprError)) throw e;
          expect(e.position).toBeGreaterThanOrEqual(0);
          expect(e.position).toBeLessThanOrEqual(src.length);
        }
        expect(() => compileExpression(src)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
    expect(protoKeys()).toEqual(before);
  });

  it('evaluating whatever compiles never throws and never returns undefined or a function', () => {
    const before = protoKeys();
    fc.assert(
      fc.property(tokenSoup, fc.array(anyItem, { minLength: 1, maxLength: 4 }), (src, items) => {
        const r = compileExpression(src);
        if (!r.ok) return;
        for (const item of items) {
          const v = r.evaluate(item);
          expect(v).not.toBeUndefined();
          expect(typeof v).not.toBe('function');
        }
      }),
      { numRuns: 3000 },
    );
    expect(protoKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('every reference example evaluates without throwing on random items', () => {
    const examples = [...LANGUAGE_REFERENCE.operators, ...LANGUAGE_REFERENCE.functions].map((e) => {
      const r = compileExpression(e.example);
      if (!r.ok) throw new Error(r.error.message);
      return r.evaluate;
    });
    fc.assert(
      fc.property(anyItem, (item) => {
        for (const evaluate of examples) expect(typeof evaluate(item)).not.toBe('function');
      }),
      { numRuns: 500 },
    );
  });

  it('regex and string functions accept any UTF-16 text, lone surrogates included', () => {
    const exprs = [
      'm ~= "(?i)t.m(e|o)+$"',
      'm ~= "timeout"',
      'hash(m) >= 0',
      'upper(trim(m)) != null',
      'len(split(m, ""))',
    ];
    const fns = exprs.map((e) => compileOrThrow(e).evaluate);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (m) => {
        for (const f of fns) expect(typeof f({ m })).not.toBe('undefined');
      }),
      { numRuns: 1000 },
    );
  });

  it('specialised closures agree with the general ones', () => {
    // `x OP 2` takes a field-op-constant fast path; `x OP c` with c = 2 in the item does not.
    const pairs = ['+', '-', '*', '/', '%', '^', '==', '!=', '<', '<=', '>', '>='].flatMap((op) => [
      [`x ${op} 2`, `x ${op} c`],
      [`x ${op} "b"`, `x ${op} s`],
      [`2 ${op} x`, `c ${op} x`],
    ]);
    pairs.push(
      ['lower(x)', 'lower(coalesce(x))'],
      ['x ~= "b"', 'coalesce(x) ~= "b|b"'],
      ['x in (1, "b")', 'x in (c - 1, s)'],
    );
    const compiled = pairs.map(
      ([a, b]) => [compileOrThrow(a!).evaluate, compileOrThrow(b!).evaluate] as const,
    );
    const x = fc.oneof(anyValue, fc.double(), fc.constantFrom('a', 'b', 'abc', 'B', 1, 2, -0));
    fc.assert(
      fc.property(x, (v) => {
        const item = { x: v, c: 2, s: 'b' };
        for (const [fast, general] of compiled) expect(fast(item)).toEqual(general(item));
      }),
      { numRuns: 2000 },
    );
  });
});
