import type {
  EmptyQueueResponse,
  QueueListing,
  TapResponse,
} from '../../../shared/protocol/queue-inspect.js';
import { request, runAuth } from './api-client.js';

const enc = encodeURIComponent;
const edgeUrl = (runId: string, edgeId: string) => `/api/runs/${enc(runId)}/edges/${enc(edgeId)}`;

/** The first and last 100 items waiting on an edge, head first, with their age (NiFi's "List queue"). */
export function fetchQueueItems(runId: string, edgeId: string): Promise<QueueListing> {
  return request('GET', `${edgeUrl(runId, edgeId)}/items`, undefined, runAuth(runId));
}

/** Removes every item waiting on an edge (run token only); they are counted as emptied. */
export function emptyQueue(runId: string, edgeId: string): Promise<EmptyQueueResponse> {
  return request('POST', `${edgeUrl(runId, edgeId)}/empty`, {}, runAuth(runId));
}

/** Starts or stops sampling what enters an edge; items arrive as `run:tap`. */
export function setTap(runId: string, edgeId: string, on: boolean): Promise<TapResponse> {
  return request('POST', `${edgeUrl(runId, edgeId)}/tap`, { on }, runAuth(runId));
}
