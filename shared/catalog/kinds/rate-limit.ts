import { z } from 'zod';
import { defineKind } from '../define-kind.js';

export const rateLimitKind = defineKind({
  kind: 'rate-limit',
  title: 'Rate limit',
  category: 'transform',
  icon: '◔',
  summary: 'Token bucket, leaky bucket or sliding window; delay or drop',
  docs:
    'Lets items through at `rate` per second. Token bucket: bursts of up to `burst` pass at once, then ' +
    'the rate. Leaky bucket: output evenly spaced at the rate however bursty the input; up to `burst` may ' +
    'wait in the bucket. Sliding window: at most rate × windowMs / 1000 items in any window of windowMs. ' +
    'Mode delay holds items until they may pass (shapes traffic, and backpressure travels upstream); ' +
    'mode drop discards what may not pass now and counts it (policing).',
  inputs: ['in'],
  outputs: ['out'],
  params: {
    algorithm: z
      .enum(['token-bucket', 'leaky-bucket', 'sliding-window'])
      .default('token-bucket')
      .describe('How permission is measured'),
    rate: z.number().min(0.01).max(10_000_000).default(100).describe('Items per second'),
    burst: z.number().int().min(1).max(1_000_000).default(10).describe('Bucket size'),
    windowMs: z.number().int().min(1).max(3_600_000).default(1000).describe('Sliding window length'),
    mode: z.enum(['delay', 'drop']).default('delay').describe('Wait for permission, or drop and count'),
  },
  live: ['algorithm', 'rate', 'burst', 'windowMs', 'mode'],
  notReplicable: 'each replica would let the full rate through, so n replicas would pass n × the rate',
});
