import { z } from 'zod';

/**
 * A NATS server URL: `nats://host[:port]` only, no user:password@ (graphs are shared: a password in
 * one would be handed to everyone with the link). Where it may point is the server's policy
 * (SLUICE_NATS_ALLOW), checked when a run starts and again on every DNS answer.
 */
export const natsUrlSchema = z
  .string()
  .max(2_000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'nats:' && u.hostname !== '' && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'a nats://host:port URL without user:password@')
  .default('nats://127.0.0.1:4222');

const TOKEN = '[A-Za-z0-9_\\-$:]+';
/** Dot-separated tokens; `*` and a final `>` are wildcards (a subscription may use them, a publish not). */
const SUBSCRIBE_SUBJECT = new RegExp(`^(${TOKEN}|\\*)(\\.(${TOKEN}|\\*))*(\\.>)?$|^>$`);
const PUBLISH_SUBJECT = new RegExp(`^${TOKEN}(\\.${TOKEN})*$`);

export function subjectSchema(kind: 'subscribe' | 'publish') {
  return z
    .string()
    .max(255)
    .regex(
      kind === 'subscribe' ? SUBSCRIBE_SUBJECT : PUBLISH_SUBJECT,
      kind === 'subscribe'
        ? 'a NATS subject: dot-separated tokens, * for one token, a final > for the rest'
        : 'a NATS subject without wildcards: dot-separated tokens of letters, digits, _ and -',
    )
    .default('events');
}

/** A JetStream stream or consumer name ('' = not set). */
export function jsNameSchema(fallback: string) {
  return z
    .string()
    .max(255)
    .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only')
    .default(fallback);
}

export const natsModeSchema = z.enum(['core', 'jetstream']).default('core');
