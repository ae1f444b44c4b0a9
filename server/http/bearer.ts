import type { Request } from 'express';

/** The token of `Authorization: Bearer <token>`, or undefined when there is none (or it is malformed). */
export function bearerOf(req: Request): string | undefined {
  const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(req.get('authorization') ?? '');
  return match?.[1];
}
