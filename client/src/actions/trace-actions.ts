import { ApiRequestError } from '../api/api-client.js';
import { startTrace } from '../api/trace-api.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunStore } from '../stores/run-store.js';
import { toast } from '../stores/toast-store.js';
import { useTraceStore } from '../stores/trace-store.js';
import { useUiStore } from '../stores/ui-store.js';

/** Following 1 in N starts at this N unless the user picks another. */
export const DEFAULT_EVERY = 100;

/**
 * Why the server did not follow, in words a user can act on. 409 and 429 carry the server's own
 * reason (the run is not running, too many items followed at once); the prefix says what to do.
 *
 * @example followRefusal(new ApiRequestError(429, 'too_many_traces', '20 items are followed')) // 'Not followed: 20 items are followed. Wait for one to finish, or stop following 1 in N elsewhere.'
 */
export function followRefusal(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return `Not followed: ${String(err)}`;
  const reason = err.message.replace(/\.$/, '');
  if (err.status === 429)
    return `Not followed: ${reason}. Wait for one to finish, or stop following 1 in N elsewhere.`;
  if (err.status === 409) return `Not followed: ${reason}. Follow while the run is going.`;
  if (err.status === 404)
    return 'Not followed: this run or node is not on the server (the run may have ended).';
  if (err.status === 401 || err.status === 403) return 'Not followed: this page has no key to this run.';
  return `Not followed: ${reason}`;
}

function liveRunId(): string | null {
  const { runId, phase } = useRunStore.getState();
  return runId && isRunActive(phase) ? runId : null;
}

/** Follows the next `count` items `nodeId` emits; the Trace tab opens on the first. */
export async function followNext(nodeId: string, count = 1): Promise<void> {
  const runId = liveRunId();
  if (!runId) {
    toast('Start the run to follow an item', 'warn');
    return;
  }
  try {
    const { traceIds } = await startTrace(runId, { nodeId, count });
    if (runId !== liveRunId()) return;
    useTraceStore.getState().follow(runId, nodeId, traceIds);
    useUiStore.getState().showTab('trace');
    toast(`Following the next ${count === 1 ? 'item' : `${count} items`} from ${nodeId}`, 'good');
  } catch (err) {
    toast(followRefusal(err), 'warn');
  }
}

/** Follows one in `every` items `nodeId` emits, continuously; `every` 0 stops. */
export async function followEvery(nodeId: string, every: number): Promise<void> {
  const runId = liveRunId();
  if (!runId) {
    toast('Start the run to follow items', 'warn');
    return;
  }
  try {
    await startTrace(runId, { nodeId, every });
    if (runId !== liveRunId()) return;
    const traces = useTraceStore.getState();
    traces.follow(runId, nodeId, []);
    traces.setSampling(nodeId, every);
    // The Trace tab moves on to the sampled items as they finish (until one is picked).
    if (every > 0) traces.select(null);
    if (every > 0) useUiStore.getState().showTab('trace');
    toast(every > 0 ? `Following 1 in ${every} items from ${nodeId}` : `Stopped following ${nodeId}`, 'good');
  } catch (err) {
    toast(followRefusal(err), 'warn');
  }
}
