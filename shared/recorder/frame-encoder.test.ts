import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLeaves } from './block-codec.js';
import { FrameEncoder } from './frame-encoder.js';
import { type LeafMap, PathDictionary, toLeaves } from './leaf-paths.js';
import { frames } from './test-arbitraries.js';
import { realisticRun } from './test-frames.js';

/** Both encoders over the same frames, a keyframe every `k`; restored from `encodeLeaves`' state once. */
function both(list: unknown[], k: number, restoreAt: number): Array<[string, string]> {
  const dictA = new PathDictionary();
  const dictB = new PathDictionary();
  const enc = new FrameEncoder(dictB);
  let prev: LeafMap | null = null;
  return list.map((f, i) => {
    if (i % k === 0) {
      prev = null;
      enc.reset();
    } else if (i === restoreAt && prev !== null) {
      enc.restore(new Map(prev));
    }
    const leaves = toLeaves(f, dictA);
    const a = encodeLeaves(leaves, prev);
    prev = leaves;
    return [a, enc.encode(f)];
  });
}

describe('FrameEncoder', () => {
  it('writes what encodeLeaves writes, byte for byte (leaves coming and going, ids out of order)', () => {
    fc.assert(
      fc.property(frames, fc.integer({ min: 1, max: 6 }), fc.nat(40), (list, k, restoreAt) => {
        for (const [a, b] of both(list, k, restoreAt)) expect(b).toBe(a);
      }),
      { numRuns: 300 },
    );
    // Frames that change shape: a new node in the middle of the run numbers its paths last.
    const run = realisticRun(3, 2, 10, 2);
    const grown = run.map((f, i) => (i < 7 ? f : { ...f, nodes: { extra: { inRate: i }, ...f.nodes } }));
    for (const [a, b] of both(grown, 10, 12)) expect(b).toBe(a);
  });
});
