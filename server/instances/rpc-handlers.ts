import type { InstanceRpc, RpcReply } from '../../shared/protocol/instances.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import type { Limits } from '../config.js';
import { HttpError } from '../http/api-error.js';
import type { RunManager } from '../runs/run-manager.js';

const MAX_CREDIT = 10_000;

function fail(err: unknown): RpcReply {
  if (err instanceof HttpError) return { ok: false, error: err.code, message: err.message };
  throw err;
}

/**
 * The coordinator's answers to the socket-side requests of other instances: `watch` (token and
 * subscriber limit, as a local `run:subscribe`), `credit` (as a local `sink:credit`) and
 * `watchers` (a report, no answer). The same checks as on this instance's own sockets.
 */
export function handleRpc(
  req: InstanceRpc,
  runs: RunManager,
  limits: Pick<Limits, 'maxSubscribersPerRun'>,
  remoteWatchers: (runId: string, instance: string, count: number) => void,
): RpcReply | undefined {
  if (typeof req !== 'object' || req === null)
    return { ok: false, error: 'invalid_request', message: 'not a request' };
  if (req.op === 'watchers') {
    if (typeof req.runId === 'string' && typeof req.instance === 'string' && Number.isInteger(req.count))
      remoteWatchers(req.runId, req.instance, Math.max(0, req.count));
    return undefined;
  }
  if (req.op === 'watch') {
    if (typeof req.runId !== 'string' || typeof req.instance !== 'string' || !Number.isInteger(req.count))
      return { ok: false, error: 'invalid_request', message: 'expected { runId, token, instance, count }' };
    let run: ReturnType<RunManager['authorize']>['run'];
    try {
      run = runs.authorize(req.runId, req.token || undefined, 'read').run;
    } catch (err) {
      return fail(err);
    }
    // Every instance's watchers count, the asking one's as it will be with this socket.
    if (runs.watcherCount(req.runId, req.instance) + req.count > limits.maxSubscribersPerRun)
      return {
        ok: false,
        error: 'too_many_subscribers',
        message: `at most ${limits.maxSubscribersPerRun} subscribers per run (limit maxSubscribersPerRun, SLUICE_MAX_SUBSCRIBERS)`,
      };
    remoteWatchers(req.runId, req.instance, req.count);
    const reason = isFinished(run.status) ? runs.stopReason(run.runId) : undefined;
    return {
      ok: true,
      status: run.status,
      frame: run.latestFrame(),
      ...(run.error ? { error: run.error } : {}),
      ...(reason !== undefined ? { reason } : {}),
    };
  }
  if (req.op === 'credit') {
    const { runId, nodeId, n } = req;
    if (
      typeof runId !== 'string' ||
      typeof nodeId !== 'string' ||
      !Number.isInteger(n) ||
      n < 1 ||
      n > MAX_CREDIT
    )
      return { ok: false, error: 'invalid_request', message: 'expected { runId, nodeId, n, token }' };
    try {
      runs.authorize(runId, req.token || undefined, 'control');
      runs.grantCredit(runId, nodeId, n);
    } catch (err) {
      return fail(err);
    }
    return { ok: true };
  }
  return { ok: false, error: 'invalid_request', message: 'unknown op' };
}
