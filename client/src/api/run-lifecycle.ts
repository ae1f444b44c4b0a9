import { toGraphDocument } from '../lib/flow-convert.js';
import { isRunActive, runBlockReason } from '../lib/run-gate.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useIssuesStore } from '../stores/issues-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { ApiRequestError, createRun, pauseRun, resumeRun, stopRun } from './api-client.js';
import { subscribeRun } from './socket-client.js';

export const TELEMETRY_HZ = 10;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Why Run is disabled right now, or null. */
export function currentBlockReason(): string | null {
  const run = useRunStore.getState();
  return runBlockReason({
    phase: run.phase,
    starting: run.pending === 'start',
    nodeCount: useGraphStore.getState().nodes.length,
    issues: useIssuesStore.getState().all,
  });
}

/** Starts a run of the graph on the canvas and subscribes to its live view. */
export async function startRun(): Promise<void> {
  if (currentBlockReason() !== null) return;
  const { name, nodes, edges } = useGraphStore.getState();
  const run = useRunStore.getState();
  run.setStarting();
  try {
    const { runId } = await createRun(toGraphDocument(name, nodes, edges), TELEMETRY_HZ);
    useTelemetryStore.getState().reset(1000 / TELEMETRY_HZ);
    run.setStarted(runId);
    subscribeRun(runId);
  } catch (err) {
    const issues = err instanceof ApiRequestError ? err.issues : [];
    run.setRequestError(`Run refused: ${messageOf(err)}`, issues);
  }
}

/** Stops the current run: `abort` ends it now, `drain` stops sources and lets queues empty. */
export async function stopCurrentRun(mode: 'abort' | 'drain' = 'abort'): Promise<void> {
  const { runId, phase, setPending, setRequestError } = useRunStore.getState();
  if (!runId || !isRunActive(phase)) return;
  setPending('stop');
  try {
    await stopRun(runId, mode);
    setPending(null);
  } catch (err) {
    setRequestError(`Stop failed: ${messageOf(err)}`);
  }
}

/** Pauses a running run, or resumes a paused one; the new status arrives over the socket. */
export async function togglePause(): Promise<void> {
  const { runId, phase, setRequestError } = useRunStore.getState();
  if (!runId || (phase !== 'running' && phase !== 'paused')) return;
  try {
    await (phase === 'paused' ? resumeRun(runId) : pauseRun(runId));
  } catch (err) {
    setRequestError(`${phase === 'paused' ? 'Resume' : 'Pause'} failed: ${messageOf(err)}`);
  }
}
