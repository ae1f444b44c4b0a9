import { EXPR_LIMITS } from './limits.js';
import { regexCost } from './regex-cost.js';
import { compileRegex, type RegexProgram } from './regex-engine.js';

/** Patterns kept compiled, and their summed cost (≈ instructions); the least recently used goes first. */
const MAX_ENTRIES = 256;
// ~800 KB of heap per 5,000 (measured), so about 8 MB in all.
const MAX_TOTAL_COST = 50_000;

type Entry = { re: RegexProgram | Error; cost: number };
const cache = new Map<string, Entry>();
let totalCost = 0;
let compiles = 0;

/**
 * The compiled form of an RE2 pattern, compiled at most once while it stays among the
 * `MAX_ENTRIES` most recently used (an expression builds two closure trees, a graph may repeat a
 * pattern in many nodes, and a save, its run and the client all ask again). Throws re2js's error
 * for a bad pattern, cached too. Refuses, without compiling, a pattern over `maxRegexCost`:
 * callers check first and explain, this is the backstop. Memory is bounded by the summed cost
 * of the programs kept (`MAX_TOTAL_COST`), plus the lazy DFA of the ones a run matches with,
 * which re2js caps at 8 MB each (a run's worker thread holds only its own graph's patterns).
 *
 * @example cachedRegex('^ERROR').test('ERROR: disk') // true
 */
export function cachedRegex(source: string): RegexProgram {
  let hit = cache.get(source);
  if (hit === undefined) {
    const cost = regexCost(source);
    if (cost > EXPR_LIMITS.maxRegexCost) throw new Error('pattern is too costly to compile');
    compiles++;
    let re: RegexProgram | Error;
    try {
      re = compileRegex(source);
    } catch (e) {
      re = e instanceof Error ? e : new Error(String(e));
    }
    hit = { re, cost };
    totalCost += cost;
    for (const [key, old] of cache) {
      if (cache.size < MAX_ENTRIES && totalCost <= MAX_TOTAL_COST) break;
      cache.delete(key);
      totalCost -= old.cost;
    }
  } else cache.delete(source);
  cache.set(source, hit);
  if (hit.re instanceof Error) throw hit.re;
  return hit.re;
}

/** How many patterns this thread has really compiled (tests check a request compiles once). */
export function regexCompileCount(): number {
  return compiles;
}
