import { formatPercent, formatRate } from '../format/number-format.js';
import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../protocol/telemetry.js';
import { byId, type NameOf } from './node-names.js';

/** An edge's endpoints and policy, which the frame does not carry (graph edge or React Flow edge). */
export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
  overflow?: string;
  /** React Flow keeps the policy under `data`. */
  data?: { overflow?: string };
  /** The producer is a source that can send at most this many items/s (see withSourceRates). */
  sourceRate?: number;
}

/** How an input queue shows that its producer is held back by the consumer. */
export interface HeldBack {
  kind: 'blocked' | 'dropping' | 'rejecting';
  edgeId: string;
  /** The words after "and …", with the numbers they rest on. */
  words: string;
  /** How strongly (0..1 for blocked, items/s otherwise): picks the evidence the sentence quotes. */
  weight: number;
}

/** The producer waits this share of its time for room in the queue… */
export const BLOCKED_AT = 0.3;
/** …or, for a queue at least this full, its producer as a whole is this backpressured. */
const FULL_AT = 0.85;
/** Items/s lost before dropping or rejecting counts as being held back (not a stray item). */
const LOSS_RATE_AT = 1;

function fill(q: EdgeTelemetry): number {
  if (q.capacity <= 0) return q.depth > 0 ? 1 : 0;
  return Math.min(1, q.depth / q.capacity);
}

/** A counter's growth per second between two frames, or undefined without a usable earlier one. */
function growth(now: number | undefined, before: number | undefined, dtMs: number): number | undefined {
  if (now === undefined || before === undefined || !(dtMs > 0)) return undefined;
  return Math.max(0, ((now - before) * 1_000) / dtMs);
}

/** Items/s the overflow policy discards right now, from the frame's own rate when it has one. */
function dropsPerSecond(
  q: EdgeTelemetry,
  frame: TelemetryFrame,
  prev: EdgeTelemetry | undefined,
  dtMs: number,
) {
  if (q.dropRate !== undefined) return q.dropRate;
  if (q.delta && frame.dtMs) return (q.delta.dropped * 1_000) / frame.dtMs;
  return growth(q.dropped, prev?.dropped, dtMs);
}

/**
 * Whether the queue `edge` holds its producer back: the producer is blocked on it, its policy
 * drops what it cannot take, or an open-loop producer rejects arrivals because it is full.
 * `previous` (an earlier frame of the same run) turns cumulative counters into rates when the
 * frame carries no rate of its own.
 */
export function heldBack(
  edge: EdgeEnds,
  frame: TelemetryFrame,
  previous: TelemetryFrame | undefined,
  nameOf: NameOf = byId,
): HeldBack | undefined {
  const q = frame.edges[edge.id];
  if (!q) return undefined;
  const producer: NodeTelemetry | undefined = frame.nodes[edge.source];
  const dtMs = previous && previous.runId === frame.runId ? frame.t - previous.t : 0;
  const full = fill(q) >= FULL_AT;
  const waits = Math.max(q.blockedRatio, full && producer ? producer.backpressured : 0);
  if (waits >= BLOCKED_AT)
    return {
      kind: 'blocked',
      edgeId: edge.id,
      words: `${nameOf(edge.source)} waits ${formatPercent(waits)} of its time for room in ${edge.id}`,
      weight: waits,
    };
  const policy = edge.overflow ?? edge.data?.overflow ?? 'block';
  if (policy !== 'block') {
    const drops = dropsPerSecond(q, frame, previous?.edges[edge.id], dtMs);
    if (drops !== undefined ? drops >= LOSS_RATE_AT : full && q.dropped > 0)
      return {
        kind: 'dropping',
        edgeId: edge.id,
        words:
          drops !== undefined
            ? `${edge.id} drops ${formatRate(drops)} it cannot take (${policy})`
            : `${edge.id} is full and drops what it cannot take (${policy})`,
        weight: drops ?? LOSS_RATE_AT,
      };
  }
  const rejects = growth(producer?.rejected, previous?.nodes[edge.source]?.rejected, dtMs);
  if (full && rejects !== undefined && rejects >= LOSS_RATE_AT)
    return {
      kind: 'rejecting',
      edgeId: edge.id,
      words: `${nameOf(edge.source)} rejects ${formatRate(rejects)} because ${edge.id} is full`,
      weight: rejects,
    };
  return undefined;
}
