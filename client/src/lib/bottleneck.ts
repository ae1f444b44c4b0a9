import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { fillRatio } from './fill-level.js';
import { formatPercent } from './format.js';

/** An edge's endpoints, which the frame does not carry. */
export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
}

/** Thresholds for "busy": the executor is working nearly all the time… */
const BUSY_AT = 0.7;
/** …and is not itself waiting for room downstream… */
const NOT_BACKPRESSURED_BELOW = 0.2;
/** …while an input queue is nearly full or its producer is held back. */
const INPUT_FULL_AT = 0.85;
const PRODUCER_BLOCKED_AT = 0.3;

/**
 * The nodes that limit throughput, each with the reason in words: a node busy nearly all the
 * time, not waiting on its own outputs, at the bottom of a backpressured input (product brief).
 *
 * @example
 * //  gen --e1 [64/64, blocked 99 %]--> work (busy 98 %, bp 0 %) --e2--> out
 * findBottlenecks(frame, edges) // { work: 'Busy 98% of the time and not held back downstream, …' }
 */
export function findBottlenecks(frame: TelemetryFrame, edges: readonly EdgeEnds[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const edge of edges) {
    const q = frame.edges[edge.id];
    const node = frame.nodes[edge.target];
    if (!q || !node || found[edge.target]) continue;
    if (node.busy < BUSY_AT || node.backpressured >= NOT_BACKPRESSURED_BELOW) continue;
    const full = fillRatio(q.depth, q.capacity) >= INPUT_FULL_AT;
    if (!full && q.blockedRatio < PRODUCER_BLOCKED_AT) continue;
    found[edge.target] =
      `Busy ${formatPercent(node.busy)} of the time and not held back downstream, ` +
      `while its input queue ${edge.id} is ${full ? `full (${q.depth}/${q.capacity})` : 'filling'} ` +
      `and ${edge.source} waits ${formatPercent(q.blockedRatio)} of the time. ` +
      'Make it faster or give it more concurrency to raise throughput.';
  }
  return found;
}
