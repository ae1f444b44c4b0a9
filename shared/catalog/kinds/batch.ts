import { z } from 'zod';
import { defineKind } from '../define-kind.js';

export const batchKind = defineKind({
  kind: 'batch',
  title: 'Batch',
  category: 'transform',
  icon: '▤',
  summary: 'Groups items: N at a time or every T ms',
  docs:
    'Collects items and emits them as one item { items, count, ts } when `size` items are in, or ' +
    '`maxWaitMs` after the first item of the batch arrived, whichever comes first; at the end of the ' +
    'input the partial batch is emitted. `ts` is the first item’s ts, so end-to-end latency includes ' +
    'the time items waited for their batch. Items are passed on as they are (not copied).',
  inputs: ['in'],
  outputs: ['out'],
  params: {
    size: z.number().int().min(1).max(100_000).default(100).describe('Items per batch'),
    maxWaitMs: z
      .number()
      .min(1)
      .max(3_600_000)
      .default(1_000)
      .describe('Longest a batch waits after its first item'),
  },
  live: ['size', 'maxWaitMs'],
});
