import { ExprError } from './expr-error.js';
import { EXPR_LIMITS } from './limits.js';
import { regexCost } from './regex-cost.js';

/**
 * The regex cost one graph document may spend across all its expressions (`maxRegexCostPerGraph`),
 * so a 1 MB body cannot hold hundreds of patterns each just under the per-pattern bound. Pass the
 * same budget to every `compileExpression` of a document; each pattern is charged once even
 * though an expression compiles two closure trees.
 *
 * @example
 * const budget = new RegexBudget();
 * for (const src of sources) compileExpression(src, { regexBudget: budget });
 */
export class RegexBudget {
  spent = 0;

  constructor(readonly limit: number = EXPR_LIMITS.maxRegexCostPerGraph) {}
}

/** Per expression: which pattern positions are already charged (both trees compile each one). */
export class RegexCharges {
  private readonly charged = new Set<number>();

  constructor(private readonly budget: RegexBudget = new RegexBudget(Number.POSITIVE_INFINITY)) {}

  /**
   * Checks a pattern's cost before anything compiles it: over `maxRegexCost`, or over what is
   * left of the document's budget, is an ExprError at the pattern's position.
   */
  charge(source: string, pos: number): void {
    if (this.charged.has(pos)) return;
    const cost = regexCost(source);
    const max = EXPR_LIMITS.maxRegexCost;
    if (cost > max) {
      const msg = `regex at ${pos} is too costly: it would compile to about ${fmt(cost)} steps (limit ${fmt(max)}); lower its {n,m} repeat counts or split it`;
      throw new ExprError(msg, pos, source.slice(0, 40));
    }
    const b = this.budget;
    if (b.spent + cost > b.limit) {
      const msg = `regex at ${pos} is too costly together with the graph's other regexes: ${fmt(b.spent + cost)} steps in all (limit ${fmt(b.limit)} per graph)`;
      throw new ExprError(msg, pos, source.slice(0, 40));
    }
    b.spent += cost;
    this.charged.add(pos);
  }
}

const fmt = (n: number): string =>
  n > 1e9 ? 'more than 1,000,000,000' : Math.round(n).toLocaleString('en-US');
