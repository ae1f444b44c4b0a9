import { z } from 'zod';
import { defineKind } from '../define-kind.js';

export const workerKind = defineKind({
  kind: 'worker',
  title: 'Worker',
  category: 'transform',
  icon: '⚙',
  summary: 'Simulated service time, failures and a worker pool',
  docs:
    'Holds each item for a service time drawn from `distribution` around `serviceTimeMs` ' +
    '(constant; uniform between 0 and 2×; exponential with that mean), then passes it on. ' +
    'Up to `concurrency` items are in service at once, so capacity is concurrency / service time. ' +
    'Each item fails with probability `failureRate`; failures follow the error policy. ' +
    '`load` says how the service time is spent: `wait` (an I/O call: the thread is free meanwhile) or ' +
    "`cpu` (a busy loop holding the run's thread, like parsing or compression: lanes then take turns, " +
    'so capacity is 1 / service time whatever the concurrency, and more needs replicas on more cores).',
  inputs: ['in'],
  outputs: ['out', 'error'],
  params: {
    serviceTimeMs: z.number().min(0).max(60_000).default(10).describe('Mean time to process one item'),
    distribution: z
      .enum(['constant', 'uniform', 'exponential'])
      .default('constant')
      .describe('Service time spread'),
    concurrency: z.number().int().min(1).max(1_024).default(1).describe('Items in service at once'),
    failureRate: z.number().min(0).max(1).default(0).describe('Probability that an item fails'),
    load: z
      .enum(['wait', 'cpu'])
      .default('wait')
      .describe('Service time spent waiting (I/O) or busy on the CPU'),
  },
  fails: true,
  live: ['serviceTimeMs', 'distribution', 'concurrency', 'failureRate', 'load'],
});
