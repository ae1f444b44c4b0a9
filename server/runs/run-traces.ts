import { nanoid } from 'nanoid';
import type { Plan } from '../../shared/compiler/plan.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import type { DroppedItem, TraceDetail, TraceResponse } from '../../shared/protocol/trace.js';
import { MAX_TRACE_COUNT } from '../../shared/protocol/trace-request.js';
import { HttpError } from '../http/api-error.js';
import type { RunHandle } from '../runtime/run-handle.js';
import type { TraceBook } from './trace-book.js';

/** What the trace routes need of a run the manager holds. */
export interface TracedRun {
  run: RunHandle;
  plan: Plan;
  traces: TraceBook;
}

const RETRY_TRACE_AFTER_S = 2;

/** Starts following items from a node; 400 / 409 / 429 as the contract says. */
export function startTrace(
  e: TracedRun,
  req: { nodeId: string; count?: number; every?: number },
): TraceResponse {
  if (!e.plan.nodes.some((n) => n.id === req.nodeId))
    throw new HttpError(400, 'invalid_request', `the run has no node "${req.nodeId}"`, [
      { path: 'nodeId', message: `no node "${req.nodeId}" in this run` },
    ]);
  const { run } = e;
  if (!run.trace)
    throw new HttpError(409, 'not_available', 'tracing is not available for distributed runs yet');
  if (isFinished(run.status))
    throw new HttpError(409, 'conflict', `run is ${run.status}; only a live run can be traced`);
  if (req.every !== undefined) {
    run.trace({ nodeId: req.nodeId, every: req.every });
    return { traceIds: [] };
  }
  const count = req.count!;
  const live = e.traces.live;
  if (live + count > MAX_TRACE_COUNT)
    throw new HttpError(
      429,
      'too_many_traces',
      `${live} traces are live on this run and at most ${MAX_TRACE_COUNT} may be: wait for the followed items to finish (or stop sampling with { every: 0 }), then try again`,
      undefined,
      { 'Retry-After': String(RETRY_TRACE_AFTER_S) },
    );
  const traceIds = Array.from({ length: count }, () => nanoid(12));
  e.traces.expect(traceIds, req.nodeId);
  run.trace({ nodeId: req.nodeId, ids: traceIds });
  return { traceIds };
}

export function traceDetail(e: TracedRun, traceId: string): TraceDetail {
  const t = e.traces.get(traceId);
  if (!t)
    throw new HttpError(404, 'not_found', `no trace "${traceId}" on this run (only the last 200 are kept)`);
  return t;
}

export async function edgeDrops(e: TracedRun, edgeId: string): Promise<{ drops: DroppedItem[] }> {
  if (!e.plan.edges.some((x) => x.id === edgeId))
    throw new HttpError(404, 'not_found', `the run has no edge "${edgeId}"`);
  const drops = await e.run.drops?.(edgeId);
  if (drops === undefined)
    throw new HttpError(
      409,
      'not_available',
      e.run.drops
        ? `run is ${e.run.status}; its drop ledger ended with it`
        : 'drop ledgers are not available for distributed runs yet',
    );
  return { drops };
}
