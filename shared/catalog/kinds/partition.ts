import { z } from 'zod';
import { defineKind } from '../define-kind.js';
import { expressionSchema } from './param-schemas.js';

export const partitionKind = defineKind({
  kind: 'partition',
  title: 'Partition',
  category: 'transform',
  icon: '⋔',
  summary: 'Sends each item to one of N outputs by the hash of a key',
  docs:
    'Evaluates `key` for each item and sends the item out of port out{i}, where i = hash(key) mod ' +
    '`outputs` and hash is 32-bit FNV-1a of the key’s text — the same number as the expression ' +
    '`hash(key)`, on every machine, so the same key always goes to the same output. Items keep their ' +
    'order within an output. If one output is blocked, the node waits (backpressure), since its next ' +
    'item may be for that output.',
  inputs: ['in'],
  outputs: [],
  params: {
    key: expressionSchema('key').describe('The partitioning key of an item'),
    outputs: z.number().int().min(1).max(64).default(2).describe('Number of outputs (out0 … out{n-1})'),
  },
  live: [],
  expressions: ['key'],
  dynamicOutputs: { prefix: 'out', countParam: 'outputs' },
});
