import type { NodeRegistry } from '../node-behavior.js';
import { createCounter } from './counter.js';
import { createGenerator } from './generator.js';
import { createRateLimit } from './rate-limit.js';
import { createWorker } from './worker.js';

export const registry: NodeRegistry = {
  generator: createGenerator,
  worker: createWorker,
  'rate-limit': createRateLimit,
  counter: createCounter,
};
