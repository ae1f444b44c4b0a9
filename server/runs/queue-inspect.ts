import type { Plan } from '../../shared/compiler/plan.js';
import {
  type EmptyQueueResponse,
  MAX_TAPS_PER_RUN,
  type QueueListing,
  type TapResponse,
} from '../../shared/protocol/queue-inspect.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import { HttpError } from '../http/api-error.js';
import type { RunHandle } from '../runtime/run-handle.js';
import { AskTimeoutError } from '../runtime/worker/thread-asks.js';

/** What the queue routes need of a run the manager holds. */
export interface InspectedRun {
  run: RunHandle;
  plan: Plan;
  /** Edges tapped now (at most MAX_TAPS_PER_RUN). */
  taps: Set<string>;
}

const BROKER =
  'not available for broker queues: items wait in a NATS JetStream stream, not in a Sluice queue';

/** 404 for an unknown edge, 409 for a broker edge, an ended run or a run that cannot do it. */
function checkEdge(e: InspectedRun, edgeId: string, can: boolean): void {
  const edge = e.plan.edges.find((x) => x.id === edgeId);
  if (!edge) throw new HttpError(404, 'not_found', `the run has no edge "${edgeId}"`);
  if (edge.transport === 'nats') throw new HttpError(409, 'not_available', `edge "${edgeId}": ${BROKER}`);
  if (isFinished(e.run.status))
    throw new HttpError(409, 'conflict', `run is ${e.run.status}; its queues ended with it`);
  if (!can)
    throw new HttpError(409, 'not_available', 'queue inspection is not available for distributed runs yet');
}

async function answered<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AskTimeoutError) throw new HttpError(503, 'unavailable', err.message);
    throw err;
  }
}

/** `GET /api/runs/:id/edges/:edgeId/items`: NiFi's "List queue", live. */
export async function queueItems(e: InspectedRun, edgeId: string): Promise<QueueListing> {
  checkEdge(e, edgeId, e.run.queueItems !== undefined);
  const listing = await answered(e.run.queueItems!(edgeId));
  if (!listing) throw new HttpError(409, 'conflict', `run is ${e.run.status}; its queues ended with it`);
  return listing;
}

/** `POST /api/runs/:id/edges/:edgeId/empty`: NiFi's "Empty queue"; counted as `emptied`. */
export async function emptyQueue(e: InspectedRun, edgeId: string): Promise<EmptyQueueResponse> {
  checkEdge(e, edgeId, e.run.emptyQueue !== undefined);
  const removed = await answered(e.run.emptyQueue!(edgeId));
  if (removed === undefined)
    throw new HttpError(409, 'conflict', `run is ${e.run.status}; its queues ended with it`);
  return { removed };
}

/** `POST /api/runs/:id/edges/:edgeId/tap { on }`: at most MAX_TAPS_PER_RUN edges at once (429). */
export function setTap(e: InspectedRun, edgeId: string, on: boolean): TapResponse {
  checkEdge(e, edgeId, e.run.tap !== undefined);
  if (on && !e.taps.has(edgeId) && e.taps.size >= MAX_TAPS_PER_RUN)
    throw new HttpError(
      429,
      'too_many_taps',
      `a run has at most ${MAX_TAPS_PER_RUN} taps at once (on: ${[...e.taps].join(', ')}); turn one off first`,
    );
  if (on) e.taps.add(edgeId);
  else e.taps.delete(edgeId);
  e.run.tap!(edgeId, on);
  return { on, taps: [...e.taps] };
}
