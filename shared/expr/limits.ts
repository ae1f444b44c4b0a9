/**
 * Bounds that keep compiling cheap and evaluation shallow for untrusted expressions. They are
 * generous for hand-written filters and small enough that a hostile graph cannot make the
 * compiler (or the closures it builds) expensive.
 */
export const EXPR_LIMITS = {
  /** Characters of source text. */
  maxSourceLength: 2_000,
  /** Syntax-tree nodes (literals, fields, operators, calls). */
  maxNodes: 500,
  /** Nesting depth of the syntax tree and of parentheses. */
  maxDepth: 64,
  /** Longest string a function may build (replace, str of a list); longer results are null. */
  maxBuiltString: 1_000_000,
  /**
   * Estimated cost of one `~=` pattern (`regex-cost.ts`; about one unit per program instruction,
   * 1–8 µs each to compile, 50 for any compile). `x{1,1000}` is 2,049; 219 of those in a row 437,831.
   */
  maxRegexCost: 5_000,
  /** The same summed over every pattern of one graph document (see `RegexBudget`). */
  maxRegexCostPerGraph: 10_000,
} as const;
