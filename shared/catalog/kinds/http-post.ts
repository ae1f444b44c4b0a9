import { z } from 'zod';
import { defineKind } from '../define-kind.js';

/** Only absolute http(s) URLs without credentials; where they may point is the server's policy. */
const webhookUrlSchema = z
  .string()
  .max(2_000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'an absolute http:// or https:// URL without user:password@')
  .default('http://127.0.0.1:8080/hook');

export const httpPostKind = defineKind({
  kind: 'http-post',
  title: 'HTTP post',
  category: 'sink',
  icon: '⇪',
  summary: 'Posts items as JSON to a webhook, with timeout and concurrency',
  docs:
    'Posts each item (or, with `batchSize` > 1, a JSON array of up to that many) to `url`, with up to ' +
    '`concurrency` requests in flight. A request fails on a non-2xx answer (redirects are not ' +
    'followed), a connection error, or no complete answer within `timeoutMs`; failures follow the ' +
    'error policy (retry backs off exponentially with jitter; dead-letter sends the failed items out ' +
    'of `error`). The server only posts to loopback addresses unless SLUICE_HTTP_POST_ALLOW allows more.',
  inputs: ['in'],
  outputs: ['error'],
  params: {
    url: webhookUrlSchema.describe('Where to post (http or https)'),
    batchSize: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(1)
      .describe('Items per request; > 1 posts an array'),
    concurrency: z.number().int().min(1).max(64).default(4).describe('Requests in flight at once'),
    timeoutMs: z.number().int().min(1).max(120_000).default(5_000).describe('Time allowed per request'),
  },
  fails: true,
  live: [],
});
