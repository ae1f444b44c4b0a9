import { z } from 'zod';
import { defineKind } from '../define-kind.js';
import { MAX_SOURCE_RATE } from './source-rates.js';

export const generatorKind = defineKind({
  kind: 'generator',
  title: 'Generator',
  category: 'source',
  icon: '▶',
  summary: 'Emits items at a rate, in a pattern',
  docs:
    'Emits items { id, ts, key, value } at `rate` items/s (null: as fast as the graph accepts). ' +
    '`pattern` shapes the rate over time: constant; burst (on for burstOnMs at rate, then off for burstOffMs); ' +
    'step (rate grows by rate each stepEveryMs, up to 10×); poisson (random arrivals with mean rate). ' +
    'A closed-loop source is slowed down by backpressure; an open-loop source keeps its schedule and ' +
    'counts what it could not enqueue as rejected. Stops after `count` items when set.',
  inputs: [],
  outputs: ['out'],
  params: {
    rate: z
      .number()
      .min(0.1)
      .max(MAX_SOURCE_RATE)
      .nullable()
      .default(100)
      .describe('Items per second; null = unlimited'),
    count: z.number().int().min(1).nullable().default(null).describe('Total items, or null for endless'),
    pattern: z
      .enum(['constant', 'burst', 'step', 'poisson'])
      .default('constant')
      .describe('Shape of the rate over time'),
    loop: z
      .enum(['closed', 'open'])
      .default('closed')
      .describe('Closed: slowed by backpressure. Open: rejects'),
    keys: z.number().int().min(1).max(1_000_000).default(10).describe('Number of distinct keys'),
    payloadBytes: z.number().int().min(0).max(65_536).default(0).describe('Size of an extra payload string'),
    burstOnMs: z.number().int().min(1).max(600_000).default(200).describe('Burst pattern: time on'),
    burstOffMs: z.number().int().min(0).max(600_000).default(800).describe('Burst pattern: time off'),
    stepEveryMs: z.number().int().min(10).max(600_000).default(2_000).describe('Step pattern: time per step'),
  },
  live: ['rate', 'pattern', 'burstOnMs', 'burstOffMs', 'stepEveryMs'],
});
