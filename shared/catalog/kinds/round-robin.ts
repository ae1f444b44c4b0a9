import { z } from 'zod';
import { defineKind } from '../define-kind.js';

export const roundRobinKind = defineKind({
  kind: 'round-robin',
  title: 'Round robin',
  category: 'transform',
  icon: '↻',
  summary: 'Deals items to N outputs in turn',
  docs:
    'Sends the 1st item out of out0, the 2nd out of out1, … and the (N+1)th out of out0 again, so ' +
    'every output gets the same share (to within one item). Strict turns: if one output is blocked ' +
    'the node waits for it (backpressure) rather than skipping it — a slow consumer slows all of them, ' +
    'which is what round-robin load balancing does.',
  inputs: ['in'],
  outputs: [],
  params: {
    outputs: z.number().int().min(1).max(64).default(2).describe('Number of outputs (out0 … out{n-1})'),
  },
  live: [],
  dynamicOutputs: { prefix: 'out', countParam: 'outputs' },
});
