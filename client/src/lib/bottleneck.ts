import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { fillRatio } from './fill-level.js';
import { formatPercent } from './format.js';

/** An edge's endpoints, which the frame does not carry. */
export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
  /** The queue's policy when known: a dropping queue sheds load instead of holding producers. */
  data?: { overflow?: string };
}

/** Why a node limits throughput: one sentence for the banner, the evidence and advice after it. */
export interface Bottleneck {
  sentence: string;
  detail: string;
  /** Busy fraction, to pick the worst one when several are marked. */
  busy: number;
  /** Run time (ms) of the last frame that showed it. */
  seenAt: number;
}

/** Thresholds for "busy": the executor is working nearly all the time… */
const BUSY_AT = 0.7;
/** …and is not itself waiting for room downstream… */
const NOT_BACKPRESSURED_BELOW = 0.2;
/** …while an input queue is nearly full or its producer is held back. */
const INPUT_FULL_AT = 0.85;
const PRODUCER_BLOCKED_AT = 0.3;
/** A mark stays this long after the last frame that showed it, so it does not flicker. */
export const HOLD_MS = 1_500;

/**
 * The nodes that limit throughput, each with the reason in words: a node busy nearly all the
 * time, not waiting on its own outputs, at the bottom of a backpressured input (product brief).
 *
 * @example
 * //  gen --e1 [64/64, blocked 99 %]--> work (busy 98 %, bp 0 %) --e2--> out
 * findBottlenecks(frame, edges).work.sentence
 * // 'work is busy 98% of the time while everything upstream waits on it.'
 */
export function findBottlenecks(
  frame: TelemetryFrame,
  edges: readonly EdgeEnds[],
): Record<string, Bottleneck> {
  const found: Record<string, Bottleneck> = {};
  for (const edge of edges) {
    const q = frame.edges[edge.id];
    const node = frame.nodes[edge.target];
    if (!q || !node || found[edge.target]) continue;
    if (node.busy < BUSY_AT || node.backpressured >= NOT_BACKPRESSURED_BELOW) continue;
    const full = fillRatio(q.depth, q.capacity) >= INPUT_FULL_AT;
    if (!full && q.blockedRatio < PRODUCER_BLOCKED_AT) continue;
    const dropping = (edge.data?.overflow ?? 'block') !== 'block' && q.blockedRatio < PRODUCER_BLOCKED_AT;
    const busy = formatPercent(node.busy);
    found[edge.target] = {
      sentence: dropping
        ? `${edge.target} is busy ${busy} of the time and cannot keep up, so its input queue drops what it cannot take.`
        : `${edge.target} is busy ${busy} of the time while everything upstream waits on it.`,
      detail:
        `Its input queue “${edge.id}” is ${full ? `full (${q.depth}/${q.capacity})` : 'filling'}` +
        (dropping
          ? ` and its ${edge.data?.overflow} policy discards the overflow (${q.dropped} so far). `
          : ` and ${edge.source} is blocked ${formatPercent(q.blockedRatio)} of the time. `) +
        'Make it faster or give it more concurrency to raise throughput.',
      busy: node.busy,
      seenAt: frame.t,
    };
  }
  return found;
}

/**
 * Keeps marks seen within HOLD_MS of the frame, updated with the latest finding, so a node
 * whose input queue hovers at a threshold does not blink on and off at 10 Hz. A node that is no
 * longer busy (or now waits on its own outputs) loses its mark at once: it no longer limits anything.
 */
export function holdBottlenecks(
  held: Record<string, Bottleneck>,
  found: Record<string, Bottleneck>,
  frame: Pick<TelemetryFrame, 't' | 'nodes'>,
): Record<string, Bottleneck> {
  const next: Record<string, Bottleneck> = { ...found };
  for (const [id, b] of Object.entries(held)) {
    const node = frame.nodes[id];
    const stillBusy =
      node !== undefined && node.busy >= BUSY_AT && node.backpressured < NOT_BACKPRESSURED_BELOW;
    if (!next[id] && stillBusy && frame.t - b.seenAt < HOLD_MS) next[id] = b;
  }
  return next;
}

/** The worst bottleneck (busiest), for the one-line banner. */
export function worstBottleneck(all: Record<string, Bottleneck>): [string, Bottleneck] | undefined {
  let worst: [string, Bottleneck] | undefined;
  for (const entry of Object.entries(all)) if (!worst || entry[1].busy > worst[1].busy) worst = entry;
  return worst;
}
