import type { Item, TransformBehavior } from '../node-behavior.js';

/** What a counter hands on: nothing, ever (one frozen array, no allocation per batch). */
const NOTHING: readonly Item[] = Object.freeze([]);

/**
 * Counting is the executor's job (every node is auto-observed); the counter only discards.
 * `processBatch` lets a fused loop (issue 21) end in it; a sink's own pump calls `process`.
 */
export function createCounter(): TransformBehavior {
  return { type: 'transform', process() {}, processBatch: () => NOTHING };
}
