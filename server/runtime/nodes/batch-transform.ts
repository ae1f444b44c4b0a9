import type { Item, TransformBehavior } from '../node-behavior.js';

/**
 * A stateless one-port transform from its whole-batch function. The executor calls
 * `processBatch` directly; `process` (per-item emits) serves callers that drive behaviours by hand.
 */
export function batchTransform(processBatch: (items: readonly Item[]) => readonly Item[]): TransformBehavior {
  return {
    type: 'transform',
    processBatch,
    process(items, emit) {
      const out = processBatch(items);
      for (let i = 0; i < out.length; i++) emit('out', out[i]!);
    },
  };
}
