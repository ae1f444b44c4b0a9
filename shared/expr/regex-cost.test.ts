import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression.js';
import { EXPR_LIMITS } from './limits.js';
import { RegexBudget } from './regex-budget.js';
import { regexCompileCount } from './regex-cache.js';
import { regexCost } from './regex-cost.js';

/** `key ~= "<pattern>"`, with the pattern written as a string literal of the language. */
const matchOn = (pattern: string) => `key ~= ${JSON.stringify(pattern)}`;

/** The pattern from issue 15: 219 counted repeats, 1,971 characters, 3.4 s to compile. */
const ISSUE_15 = 'x{1,1000}'.repeat(219);

describe('regex cost is bounded before anything compiles', () => {
  it("refuses issue 15's pattern without compiling it, naming the position and the limit", () => {
    // ARRANGE
    const before = regexCompileCount();
    // ACT
    const r = compileExpression(matchOn(ISSUE_15));
    // ASSERT — the estimate is RE2's own measure (437,783 instructions when compiled) plus a constant
    expect(regexCost(ISSUE_15)).toBeGreaterThanOrEqual(437_783);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.position).toBe(7);
    expect(r.error.message).toMatch(/regex at 7 is too costly.*437,\d{3} steps \(limit 5,000\)/);
    expect(regexCompileCount()).toBe(before);
  });

  it('keeps ordinary patterns, including one counted repeat of 1,000', () => {
    for (const p of [
      '^ERROR.*timeout$',
      '(\\d{1,3}\\.){3}\\d{1,3}',
      '(?i)warn|error',
      'x{1,1000}',
      '\\pL+',
    ]) {
      expect(compileExpression(matchOn(p)).ok, p).toBe(true);
    }
  });

  it('charges each pattern once against the budget of the whole graph, refusing the one that goes over', () => {
    // ARRANGE — 3 patterns of ~4,000 each; the graph may spend 10,000
    const budget = new RegexBudget();
    const big = (c: string) => matchOn(`${c}{0,1000}${c}{0,1000}`);
    // ACT
    const results = ['a', 'b', 'c'].map((c) => compileExpression(big(c), { regexBudget: budget }));
    // ASSERT — both closure trees compiled the first two, yet each was charged once
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(budget.spent).toBe(2 * regexCost('a{0,1000}a{0,1000}'));
    const third = results[2]!;
    if (!third.ok)
      expect(third.error.message).toMatch(/together with the graph's other regexes.*limit 10,000/);
  });

  it('compiles a pattern once however many expressions and closure trees use it', () => {
    // ARRANGE — a pattern no other test uses
    const pattern = `^once-${Date.now()}[0-9]+$`;
    const before = regexCompileCount();
    // ACT
    const a = compileExpression(matchOn(pattern));
    const b = compileExpression(`not (id ~= ${JSON.stringify(pattern)})`);
    // ASSERT
    expect(regexCompileCount() - before).toBe(1);
    expect(a.ok && a.evaluate({ key: 'once-1' })).toBe(false);
    expect(a.ok && a.evaluate({ key: `${pattern.slice(1, -7)}42` })).toBe(true);
    expect(b.ok && b.evaluate({ id: 'x' })).toBe(true);
  });

  it('estimates costly shapes above their budget share: Unicode classes and folded ranges', () => {
    // Measured: 600 × \pL took 26–45 ms, 100 × (?i)[\x{100}-\x{1E900}] 1.9 s, with small programs.
    expect(regexCost('\\pL'.repeat(600))).toBeGreaterThan(EXPR_LIMITS.maxRegexCost);
    expect(regexCost(`(?i)${'[\\x{100}-\\x{1E900}]'.repeat(100)}`)).toBeGreaterThan(EXPR_LIMITS.maxRegexCost);
    expect(regexCost('[\\x{100}-\\x{1E900}]'.repeat(100))).toBeLessThan(1_000); // unfolded: cheap
  });
});

// Pattern shapes that make RE2 work: nested counted repeats, alternations, classes (Unicode,
// negated, case-folded ranges), long literals, nested groups, flags.
const atom = fc.constantFrom(
  'x',
  'ab',
  '.',
  '\\d',
  '\\w',
  '\\pL',
  '\\p{Greek}',
  '\\PL',
  '[^a]',
  '[a-z0-9]',
  '[\\pL\\pN]',
  '[\\x{100}-\\x{1E900}]',
  '[^\\pLa]',
  '\\b',
  '^',
);
const repeat = fc.oneof(
  fc.constantFrom('*', '+', '?', '*?'),
  fc.integer({ min: 0, max: 1000 }).map((n) => `{${n}}`),
  fc.integer({ min: 0, max: 1000 }).map((n) => `{${n},}`),
  fc
    .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }))
    .map(([a, b]) => `{${Math.min(a, b)},${Math.max(a, b)}}`),
);
const { pattern } = fc.letrec<{ pattern: string; term: string }>((tie) => ({
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(atom, repeat).map(([a, r]) => a + r),
    fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 50, maxLength: 400 }),
    fc
      .tuple(fc.constantFrom('(', '(?:', '(?i:', '(?P<g>'), tie('pattern'), repeat)
      .map(([o, p, r]) => `${o}${p})${r}`),
  ),
  pattern: fc
    .tuple(
      fc.constantFrom('', '(?i)', '(?s)'),
      fc.array(fc.array(tie('term'), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
    )
    .map(([flags, alts]) => flags + alts.map((a) => a.join('')).join('|')),
}));

describe('property: every pattern is refused by the bound, or compiles and runs cheaply', () => {
  it('holds over nested repeats, alternations, classes, literals and groups', () => {
    // A whole-graph budget's worth of regex must compile well inside the 100 ms a request may
    // take on the main thread; one pattern is half of that. The bound asserted here is generous
    // (this machine is shared and slow); `npm run bench` is where speed is measured.
    const text = 'x'.repeat(300) + 'ab Σ 123 é'.repeat(70);
    let compiled = 0;
    fc.assert(
      fc.property(pattern, (p) => {
        const cost = regexCost(p);
        if (cost > EXPR_LIMITS.maxRegexCost) {
          const r = compileExpression(matchOn(p));
          expect(r.ok).toBe(false);
          return;
        }
        const t0 = performance.now();
        let re: RE2JS;
        try {
          re = RE2JS.compile(p);
        } catch {
          return; // a syntax error, found as cheaply
        }
        const compileMs = performance.now() - t0;
        compiled++;
        // The estimate bounds RE2's own measure of the program, so no pattern under the bound
        // builds a big program.
        expect(re.programSize()).toBeLessThanOrEqual(cost);
        const t1 = performance.now();
        re.test(text);
        const matchMs = performance.now() - t1;
        expect(compileMs, `compile ${p.slice(0, 80)}`).toBeLessThan(250);
        // Matching is linear (RE2): text length × program size. Near the bound one 1 KB text took
        // up to ~1.1 s here under load 20+ (in a run's own thread, never the server's).
        expect(matchMs, `match ${p.slice(0, 80)}`).toBeLessThan(3_000);
      }),
      { numRuns: 400 },
    );
    // The search really compiled things: about 1 pattern in 5 is under the bound (over 60 runs of
    // 150 patterns, 15 to 43 compiled, so `> 20` of 150 failed 1 run in 30); 400 give ~80.
    expect(compiled).toBeGreaterThan(40);
  });
});
