import { createHash, timingSafeEqual } from 'node:crypto';
import { nanoid } from 'nanoid';

/** 32 url-safe characters: 192 random bits. Returned once; only its hash is stored. */
export function newEditToken(): string {
  return nanoid(32);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares hashes (fixed length) in constant time, so response timing says nothing about the token. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
