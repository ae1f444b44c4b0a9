import { z } from 'zod';

/**
 * Looking inside a queue while it runs (issue 20): NiFi's "List queue" and "Empty queue", and
 * Node-RED's debug on a wire ("tap"). Items are cut down for display (display-item.ts).
 */

/** Items listed from each end of a queue: the first this many and the last this many. */
export const LIST_QUEUE_ENDS = 100;

/** One waiting item. */
export interface QueuedItem {
  /** 0 = the head (next to be taken). */
  position: number;
  /** How long it has waited, ms. */
  ageMs: number;
  item: unknown;
}

/** `GET /api/runs/:runId/edges/:edgeId/items` (run or watch token). */
export interface QueueListing {
  edgeId: string;
  /** Items queued now; `items` holds at most 2 × LIST_QUEUE_ENDS of them. */
  depth: number;
  capacity: number;
  /** The first and last LIST_QUEUE_ENDS, head first; a gap in `position` is what was left out. */
  items: QueuedItem[];
}

/** `POST /api/runs/:runId/edges/:edgeId/empty` (run token). */
export interface EmptyQueueResponse {
  /** Items removed, counted as `emptied` on the edge and in the run's totals. */
  removed: number;
}

/** Taps per run at once (more: 429). */
export const MAX_TAPS_PER_RUN = 4;
/** Items a tap samples per second at most; the rest are counted in `sampledOut`. */
export const TAP_ITEMS_PER_S = 20;

/** `POST /api/runs/:runId/edges/:edgeId/tap` body. */
export const tapRequestSchema = z.object({ on: z.boolean() }).strict();

/** `POST /api/runs/:runId/edges/:edgeId/tap { on }` → `{ on, taps }`. */
export interface TapResponse {
  on: boolean;
  /** Edges tapped on this run now. */
  taps: string[];
}

/** Socket `run:tap`: items sampled from a tapped edge since the last message. */
export interface TapMessage {
  runId: string;
  edgeId: string;
  /** Items as they entered the edge, cut down for display, with their run ms. */
  items: Array<{ t: number; item: unknown }>;
  /** Items that went through the edge since the last message and were not sampled. */
  sampledOut: number;
}
