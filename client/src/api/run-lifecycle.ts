import { beginTimeline } from '../actions/replay.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { isRunActive, runBlockReason } from '../lib/run-gate.js';
import { ownedRuns } from '../lib/run-tokens.js';
import { ITEMS_SINK_KIND, LOG_SINK_KIND } from '../lib/sink-kinds.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useIssuesStore } from '../stores/issues-store.js';
import { onRecordingPage } from '../stores/recording-page-store.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';
import { startRunView } from '../stores/run-view.js';
import { AUTO_WINDOW, useSinkStore } from '../stores/sink-store.js';
import { toast } from '../stores/toast-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { ApiRequestError, createRun, pauseRun, resumeRun, stopRun } from './api-client.js';
import { loadOwnerInfo } from './run-owner-info.js';
import { grantCredits, subscribeRun } from './socket-client.js';

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

/** The graph's nodes of a given kind (e.g. its browser sinks). */
function nodesOfKind(kind: string): string[] {
  return useGraphStore
    .getState()
    .nodes.filter((n) => n.data.kind === kind)
    .map((n) => n.id);
}

/**
 * Starts a run of the graph on the canvas and subscribes to its live view. A saved graph with no
 * unsaved changes runs by id, so its owner can publish the run's watch link on its page. The
 * tokens are kept in this browser (run-tokens.ts) for reloads and the Runs panel.
 */
export async function startRun(): Promise<void> {
  // A watch page shows someone's run; it starts none (Ctrl+Enter included).
  // Nor does a recording's replay page: opening a recording never runs anything.
  if (currentBlockReason() !== null || useRunAccessStore.getState().watchPage || onRecordingPage()) return;
  const { name, nodes, edges, groups } = useGraphStore.getState();
  const { meta, dirty } = useDocStore.getState();
  const run = useRunStore.getState();
  const hz = run.telemetryHz;
  const keepRunning = useRunAccessStore.getState().nextKeepRunning;
  run.setStarting();
  try {
    // Groups go with the run, so its recording and watch page draw the same frames.
    const graph = toGraphDocument(name, nodes, edges, [], groups);
    const source = meta && !dirty ? { graphId: meta.graphId, revision: meta.revision } : { graph };
    const { runId, runToken, watchToken } = await createRun(source, hz, keepRunning);
    ownedRuns.remember({
      runId,
      graphName: name,
      startedAt: Date.now(),
      ...(runToken ? { runToken } : {}),
      ...(watchToken ? { watchToken } : {}),
      ...(meta ? { graphId: meta.graphId } : {}),
      ...(keepRunning ? { keepRunning } : {}),
    });
    useRunAccessStore
      .getState()
      .attach({ runId, role: 'owner', token: runToken ?? null, watchToken: watchToken ?? null });
    startRunView(1000 / hz);
    run.setStarted(runId);
    run.setRunGraph(runId, graph);
    subscribeRun(runId, () => onSubscribed(runId));
    beginTimeline({ type: 'run', runId });
    void loadOwnerInfo(runId);
  } catch (err) {
    const issues = err instanceof ApiRequestError ? err.issues : [];
    run.setRequestError(`Run refused: ${messageOf(err)}`, issues);
    // A 429 says what to do (stop a run, wait): worth more than a line in the status bar.
    if (err instanceof ApiRequestError && err.status === 429) toast(err.message, 'warn');
  }
}

/** Browser sinks in auto mode get their first credits; the Items tab opens so the user sees them. */
export function onSubscribed(runId: string): void {
  if (useRunStore.getState().runId !== runId) return;
  const browsers = nodesOfKind(ITEMS_SINK_KIND);
  if (browsers.length > 0) useUiStore.getState().showTab('items');
  else if (nodesOfKind(LOG_SINK_KIND).length > 0) useUiStore.getState().showTab('console');
  const sinks = useSinkStore.getState().sinks;
  for (const id of browsers) if (sinks[id]?.auto) grantCredits(id, AUTO_WINDOW);
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

/** How long a restart waits for the old run to end before giving up. */
const RESTART_WAIT_MS = 10_000;

/**
 * Stops the current run and starts the graph on the canvas in its place: how edits that a run
 * cannot take live (added or removed nodes and edges, some params) reach the running graph.
 */
export async function restartRun(): Promise<void> {
  const { runId } = useRunStore.getState();
  if (!runId) return startRun();
  // Never stop a run for a graph that would not start.
  const { nodes } = useGraphStore.getState();
  if (runBlockReason({ phase: 'idle', nodeCount: nodes.length, issues: useIssuesStore.getState().all }))
    return;
  await stopCurrentRun('abort');
  const ended = await new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      off();
      resolve(ok);
    };
    const check = () => {
      const s = useRunStore.getState();
      if (s.runId !== runId) done(false);
      else if (!isRunActive(s.phase)) done(true);
    };
    const timer = setTimeout(() => done(false), RESTART_WAIT_MS);
    const off = useRunStore.subscribe(check);
    check();
  });
  if (ended) await startRun();
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
