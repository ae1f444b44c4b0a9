import type {
  DroppedItem,
  TraceDetail,
  TraceRequest,
  TraceResponse,
} from '../../../shared/protocol/trace.js';
import { request, runAuth } from './api-client.js';

const enc = encodeURIComponent;

/** Marks the next `count` items a node emits (or one in `every`) to be followed (issue 18). */
export function startTrace(runId: string, body: TraceRequest): Promise<TraceResponse> {
  return request('POST', `/api/runs/${enc(runId)}/trace`, body, runAuth(runId));
}

/** Every hop of a followed item so far (a page that missed its live messages). */
export function fetchTrace(runId: string, traceId: string): Promise<TraceDetail> {
  return request('GET', `/api/runs/${enc(runId)}/traces/${enc(traceId)}`, undefined, runAuth(runId));
}

/** The last items an edge's overflow policy dropped, oldest first. */
export function fetchDrops(runId: string, edgeId: string): Promise<{ drops: DroppedItem[] }> {
  return request('GET', `/api/runs/${enc(runId)}/edges/${enc(edgeId)}/drops`, undefined, runAuth(runId));
}
