import type { TransformBehavior } from '../node-behavior.js';

/** Counting is the executor's job (every node is auto-observed); the counter only discards. */
export function createCounter(): TransformBehavior {
  return { type: 'transform', process() {} };
}
