import { REFERENCE_SAMPLE_ITEM } from './function-spec.js';
import { FUNCTION_SPECS } from './functions.js';
import { EXPR_LIMITS } from './limits.js';
import { LITERALS, OPERATORS, type OperatorEntry, RULES, type SyntaxEntry } from './reference-syntax.js';

export interface FunctionEntry {
  name: string;
  signature: string;
  description: string;
  example: string;
  result: string;
}

export interface LanguageReference {
  summary: string;
  /** The item every `example` runs against. */
  sampleItem: Record<string, unknown>;
  literals: SyntaxEntry[];
  /** Loosest-binding first. */
  operators: OperatorEntry[];
  functions: FunctionEntry[];
  rules: Array<{ topic: string; text: string }>;
  limits: { maxSourceLength: number; maxNodes: number; maxDepth: number };
}

/**
 * Everything the inspector's help panel shows about the language, as plain JSON-able data.
 * Built from the same tables the compiler uses, so it cannot drift from what is accepted; the
 * tests run every example and check its result.
 */
export const LANGUAGE_REFERENCE: LanguageReference = {
  summary:
    'Expressions compute a value from one item, e.g. value * 2, level == "ERROR" and latencyMs > 250, or lower(message) ~= "timeout".',
  sampleItem: REFERENCE_SAMPLE_ITEM,
  literals: LITERALS,
  operators: OPERATORS,
  functions: FUNCTION_SPECS.map(({ name, signature, description, example, result }) => ({
    name,
    signature,
    description,
    example,
    result,
  })),
  rules: RULES,
  limits: {
    maxSourceLength: EXPR_LIMITS.maxSourceLength,
    maxNodes: EXPR_LIMITS.maxNodes,
    maxDepth: EXPR_LIMITS.maxDepth,
  },
};
