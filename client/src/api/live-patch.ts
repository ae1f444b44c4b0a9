import { isRunActive } from '../lib/run-gate.js';
import { withValueAt } from '../lib/schema-form.js';
import { useRunStore } from '../stores/run-store.js';
import { patchRunParams } from './api-client.js';

/**
 * Live edits: while a run is going, changes to live-editable params and edge queues are sent to
 * the server, coalesced over a short window so typing "2000" sends one request, not four.
 */
const FLUSH_AFTER_MS = 250;

type Patch = {
  nodes: Record<string, Record<string, unknown>>;
  edges: Record<string, Record<string, unknown>>;
};
let pending: Patch = { nodes: {}, edges: {} };
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(flush, FLUSH_AFTER_MS);
}

function flush(): void {
  timer = null;
  const { runId, phase } = useRunStore.getState();
  const patch = pending;
  pending = { nodes: {}, edges: {} };
  if (!runId || !isRunActive(phase)) return;
  patchRunParams(runId, patch).catch((err: unknown) => {
    useRunStore
      .getState()
      .setRequestError(`Live edit not applied: ${err instanceof Error ? err.message : String(err)}`);
  });
}

function liveRun(): boolean {
  return isRunActive(useRunStore.getState().phase);
}

/** Queues a node param change for the running graph (no-op when nothing runs). */
export function patchNodeParamLive(nodeId: string, path: readonly string[], value: unknown): void {
  if (!liveRun() || value === undefined) return;
  pending.nodes[nodeId] = withValueAt(pending.nodes[nodeId] ?? {}, path, value);
  schedule();
}

/** Queues an edge queue change (`capacity`, `overflow`) for the running graph. */
export function patchEdgeLive(edgeId: string, patch: Record<string, unknown>): void {
  if (!liveRun()) return;
  pending.edges[edgeId] = { ...pending.edges[edgeId], ...patch };
  schedule();
}
