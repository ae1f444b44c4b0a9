import type { Request } from 'express';
import { MAX_LIST_TOKENS } from '../../shared/protocol/api.js';
import { HttpError } from './api-error.js';

const TOKEN = /^[\x21-\x2b\x2d-\x7e]{1,200}$/; // printable, no comma (the list separator)

/** `Authorization: Bearer <editToken>`; 401 when absent or malformed, so clients know to send one. */
export function bearerToken(req: Request, doing = 'saving'): string {
  const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(req.get('authorization') ?? '');
  if (!match) throw new HttpError(401, 'unauthorized', `${doing} needs "Authorization: Bearer <editToken>"`);
  return match[1]!;
}

/**
 * The edit tokens a caller holds, for "list my graphs": `Authorization: Bearer <t1> <t2> …`
 * (spaces or commas between them; one token is the same header a save sends). In a header, not
 * the URL, so they stay out of logs and history. No header at all means no tokens: an empty list.
 *
 * @example bearerTokens(req) // 'Bearer abc def' → ['abc', 'def']
 */
export function bearerTokens(req: Request): string[] {
  const header = req.get('authorization');
  if (header === undefined) return [];
  const match = /^Bearer[ ]+(.{1,20000})$/.exec(header.trim());
  const tokens = match ? match[1]!.split(/[ ,]+/).filter(Boolean) : [];
  if (tokens.length === 0 || !tokens.every((t) => TOKEN.test(t)))
    throw new HttpError(401, 'unauthorized', 'listing needs "Authorization: Bearer <editToken> …"');
  if (tokens.length > MAX_LIST_TOKENS)
    throw new HttpError(
      400,
      'too_many_tokens',
      `at most ${MAX_LIST_TOKENS} edit tokens in one request (got ${tokens.length})`,
    );
  return tokens;
}
