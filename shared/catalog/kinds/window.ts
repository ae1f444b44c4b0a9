import { z } from 'zod';
import { defineKind, type ParamsOf } from '../define-kind.js';
import { expressionSchema } from './param-schemas.js';

/** Most windows one item can fall into (sizeMs / slideMs): bounds the work per item. */
export const MAX_WINDOWS_PER_ITEM = 1_000;

export const windowKind = defineKind({
  kind: 'window',
  title: 'Window',
  category: 'transform',
  icon: '▦',
  summary: 'Aggregates items over time windows, per key',
  docs:
    'Groups items by event time (their `ts`) into windows, per `key` (an expression; null puts every ' +
    'item in one group), and emits one item { key, windowStart, windowEnd, count, sum, avg, min, max, ' +
    'p95, ts } per window when it closes. Tumbling: back-to-back windows of sizeMs, aligned to the ' +
    'epoch. Sliding: windows of sizeMs starting every slideMs (an item is in sizeMs/slideMs of them). ' +
    'Session: a window per burst of activity, closed after gapMs without items for that key. ' +
    'count counts items; sum, avg, min, max and p95 are over `field` (an expression) where it is a ' +
    'number, and null when no item had a number; p95 is the nearest-rank 95th percentile, exact up ' +
    'to p95Samples values per window and from a uniform sample of that many beyond. ts is the ' +
    'earliest ts in the window, so end-to-end latency includes the time the window held it. ' +
    'A window closes once an item with ts ≥ windowEnd + allowedLatenessMs has been seen (or the input ' +
    'ends). An item whose windows have all closed is late: it goes out of the `late` port unchanged, ' +
    "or, when that port leads nowhere, is dropped (the node's dropped count and the run's losses); " +
    'late items are counted as late either way, never as errors, and never fail the run (the kind ' +
    'takes no errorPolicy). ' +
    'Bounded memory: at most maxKeys windows are open at once (for tumbling windows without lateness, ' +
    'that is the number of keys); an item that would open one more is dropped (counted as dropped).',
  inputs: ['in'],
  outputs: ['out', 'late'],
  params: {
    type: z.enum(['tumbling', 'sliding', 'session']).default('tumbling').describe('How windows are cut'),
    sizeMs: z.number().int().min(1).max(86_400_000).default(1_000).describe('Tumbling and sliding: length'),
    slideMs: z.number().int().min(1).max(86_400_000).default(500).describe('Sliding: a window starts every'),
    gapMs: z
      .number()
      .int()
      .min(1)
      .max(86_400_000)
      .default(1_000)
      .describe('Session: idle time that ends one'),
    field: expressionSchema('value').describe('The number aggregated (sum, avg, min, max, p95)'),
    key: expressionSchema('null').describe('Windows are kept per value of this; null = one group'),
    allowedLatenessMs: z
      .number()
      .int()
      .min(0)
      .max(3_600_000)
      .default(0)
      .describe('How far behind the newest ts an item may be and still count'),
    maxKeys: z.number().int().min(1).max(1_000_000).default(10_000).describe('Most windows open at once'),
    p95Samples: z.number().int().min(20).max(100_000).default(256).describe('Values kept per window for p95'),
  },
  live: [],
  notReplicable:
    'a window aggregates every item of its key and time span: replicas would each see a share and emit partial windows',
  expressions: ['field', 'key'],
});

/** Rules between params that the schema cannot express alone (checked by the compiler). */
export function windowParamRules(p: ParamsOf<typeof windowKind>): { param: string; message: string }[] {
  if (p.type !== 'sliding') return [];
  if (p.slideMs > p.sizeMs) return [{ param: 'slideMs', message: 'slideMs must not exceed sizeMs' }];
  if (p.sizeMs / p.slideMs > MAX_WINDOWS_PER_ITEM)
    return [{ param: 'slideMs', message: `sizeMs / slideMs must be at most ${MAX_WINDOWS_PER_ITEM}` }];
  return [];
}
