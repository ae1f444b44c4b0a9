import type { z } from 'zod';
import { zodIssues } from '../../shared/compiler/parse-document.js';
import { findPoisonKeys } from '../../shared/graph/poison-keys.js';
import { HttpError } from './api-error.js';

/**
 * Parses a request body (or query) with a shared schema; a mismatch is a 400 naming the fields.
 * Poisoning keys are refused before zod sees the value: zod's record parser would silently drop
 * `__proto__`, and no handler should ever copy such a key anywhere.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const poisoned = findPoisonKeys(body);
  if (poisoned.length > 0) {
    throw new HttpError(
      400,
      'invalid_request',
      'the request uses a forbidden key',
      poisoned.map((path) => ({ path, message: `forbidden key "${path.split('.').pop()}"` })),
    );
  }
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new HttpError(
      400,
      'invalid_request',
      'the request body is not valid',
      zodIssues(parsed.error, body),
    );
  }
  return parsed.data;
}
