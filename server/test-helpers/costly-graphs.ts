import { graphOf } from './graph-of.js';

/** The pattern from issue 15: 219 counted repeats, 1,971 characters; compiled for seconds. */
export const ISSUE_15_PATTERN = 'x{1,1000}'.repeat(219);

/** A chain generator → filter(s) → counter, one filter per expression. */
export function filterChain(expressions: string[]) {
  const nodes: [string, string, Record<string, unknown>?][] = [['src', 'generator', { count: 10 }]];
  const edges: [string, string][] = [];
  let prev = 'src';
  expressions.forEach((expression, i) => {
    nodes.push([`f${i}`, 'filter', { expression }]);
    edges.push([prev, `f${i}`]);
    prev = `f${i}`;
  });
  nodes.push(['out', 'counter']);
  edges.push([prev, 'out']);
  return graphOf(nodes, edges);
}

/**
 * `(key ~= "p1" or … or key ~= "p8") or (…) …` up to `max` characters, patterns made by
 * `pattern(k)`; grouped by eight so the tree stays within the language's depth limit.
 */
function orOfMatches(max: number, pattern: (k: number) => string): string {
  const groups: string[][] = [];
  let length = 0;
  for (let k = 0; ; k++) {
    const match = `key ~= ${JSON.stringify(pattern(k))}`;
    const fresh = k % 8 === 0;
    const extra = match.length + (fresh ? 6 : 4); // ' or (' … ')' or ' or '
    if (length + extra > max) return groups.map((g) => `(${g.join(' or ')})`).join(' or ');
    if (fresh) groups.push([]);
    groups.at(-1)!.push(match);
    length += extra;
  }
}

/**
 * The costliest document we found that fits a 1 MB body: as many filters as fit, each with an
 * expression at the 2,000-character limit made of `~=` matches. The first patterns are each
 * just under the per-pattern bound (case-folded ranges, nested counted repeats, Unicode
 * classes: the shapes re2js is slowest on), the rest are small and all distinct (every compile
 * has a fixed cost and a cache cannot help), so the whole-graph budget is what stops them.
 */
export function worstCaseBody(maxBytes = 1024 * 1024): ReturnType<typeof filterChain> {
  const heavy = [
    '(?i)[\\x{100}-\\x{1E900}]',
    '(x{1,40}y{1,40}){1,25}',
    '\\pL\\PL\\p{Greek}[^\\pLa]'.repeat(8),
  ];
  const expressions: string[] = [];
  let n = 0;
  const size = () => JSON.stringify(filterChain(expressions)).length;
  for (let i = 0; ; i++) {
    const expr = orOfMatches(1_990, (k) => (i === 0 && k < heavy.length ? heavy[k]! : `n${n++}[a-f]+.`));
    expressions.push(expr);
    if (size() > maxBytes - 1_000) {
      expressions.pop();
      return filterChain(expressions);
    }
  }
}
