import { z } from 'zod';
import { EXPR_LIMITS } from '../../expr/index.js';
import { POISON_KEYS } from '../../graph/poison-keys.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A top-level item field a kind writes. An identifier, and never a key that could reach a
 * prototype when it is assigned (`o[field] = v` with `__proto__` would replace the prototype).
 */
export function fieldNameSchema(fallback: string) {
  return z
    .string()
    .max(100)
    .regex(IDENTIFIER, 'a field name: letters, digits and _, not starting with a digit')
    .refine((s) => !POISON_KEYS.has(s), 'this name is reserved')
    .default(fallback);
}

/** An expression param; the compiler's expression pass compiles it and locates its errors. */
export function expressionSchema(fallback: string) {
  return z.string().min(1, 'an expression is required').max(EXPR_LIMITS.maxSourceLength).default(fallback);
}
