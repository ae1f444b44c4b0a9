import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { expectNear, mean, round } from './lesson-harness.js';

/**
 * Little's law on a queue held at a steady level (full, or at a stable depth), from what frames show: the mean depth held against the mean of
 * out rate × mean wait (each frame's items that left over its last second). Means over the frames,
 * since one frame's depth is one instant of a queue that moves. Not for a small queue that wanders
 * (a few items up and down with random service times): on the real clock the sampler wakes on a
 * timer tick as the lanes do, so its snapshots see that queue right after lanes took from it, and
 * two seconds of them are no mean. The fake-clock tests check those. Returns both for the report.
 *
 * @example expectLittle(span.frames, 'queue') // throws when they are more than 15 % apart
 */
export function expectLittle(
  frames: readonly TelemetryFrame[],
  edgeId: string,
  tolerance = 0.15,
): { depth: number; little: number } {
  const es = frames.map((f) => f.edges[edgeId]).filter((e) => e?.meanWaitMs !== undefined);
  if (es.length === 0) throw new Error(`no frame shows a mean wait for "${edgeId}"`);
  const depth = mean(es.map((e) => e!.depth));
  const little = mean(es.map((e) => (e!.outRate * e!.meanWaitMs!) / 1000));
  const what = `${edgeId}: mean depth vs out rate × mean wait (Little's law)`;
  // A queue that is nearly empty both ways holds trivially: within one item, not a share of ≈ 0.
  if (Math.max(depth, little) >= 2) expectNear(depth, little, tolerance, what);
  else if (Math.abs(depth - little) >= 1)
    throw new Error(`${what}: ${round(depth, 2)} vs ${round(little, 2)}`);
  return { depth: round(depth, 2), little: round(little, 2) };
}
