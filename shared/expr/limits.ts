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
} as const;
