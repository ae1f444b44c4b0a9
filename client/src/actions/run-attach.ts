import { graphSchema } from '../../../shared/graph/graph-schema.js';
import type { RunInfo as OwnedRunInfo } from '../../../shared/protocol/api.js';
import { fetchRun } from '../api/api-client.js';
import { onSubscribed } from '../api/run-lifecycle.js';
import { loadOwnerInfo } from '../api/run-owner-info.js';
import { subscribeRun } from '../api/socket-client.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { isRunActive } from '../lib/run-gate.js';
import { ownedRuns } from '../lib/run-tokens.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { type RunRole, useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';
import { startRunView } from '../stores/run-view.js';
import { backfillCharts } from './chart-backfill.js';
import { beginTimeline } from './replay.js';

/**
 * Shows a run that is already going on the canvas: its live numbers and, for its owner, its
 * controls. What runs is the server's copy of the graph when it sends one, else the canvas.
 */
export function attachRun(runId: string, role: RunRole, token: string | null, info: OwnedRunInfo): void {
  useRunAccessStore.getState().attach({ runId, role, token, watchToken: info.watchToken ?? null });
  const run = useRunStore.getState();
  startRunView(1000 / run.telemetryHz);
  run.setStarted(runId);
  const sent = graphSchema.safeParse(info.graph);
  const { name, nodes, edges } = useGraphStore.getState();
  run.setRunGraph(runId, sent.success ? sent.data : toGraphDocument(name, nodes, edges));
  run.setStatus(runId, info.status, info.error);
  subscribeRun(runId, () => {
    if (role === 'owner') onSubscribed(runId);
  });
  // The history from before this page (a reload, a late watcher) comes from the recording.
  beginTimeline({ type: 'run', runId }, !isRunActive(info.status));
  void backfillCharts({ type: 'run', runId });
  void loadOwnerInfo(runId);
}

/** The same nodes (by id) as the canvas: a run of another graph must not paint over this one. */
function sameNodes(graph: unknown): boolean {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return true;
  const ids = new Set(useGraphStore.getState().nodes.map((n) => n.id));
  return nodes.length === ids.size && nodes.every((n) => ids.has((n as { id?: string }).id ?? ''));
}

/** How many of this browser's newest runs of the graph a reload asks the server about. */
const ASK_AT_MOST = 3;

/**
 * After a reload: if this browser started a run of the graph now on the canvas and the run is
 * still going (the server keeps an unwatched run for a grace period), show it again with its
 * controls. `draftRun` is the run the reloaded draft was showing: it is the canvas's own run even
 * when structural edits held for the next run make the node sets differ, so those edits come back
 * as held (drawn against the server's copy of what runs), not as a graph without its run.
 * Returns whether it did.
 */
export async function reattachOwnRun(draftRun: string | null = null): Promise<boolean> {
  if (useRunStore.getState().runId) return false;
  const graphId = useDocStore.getState().meta?.graphId;
  const mine = ownedRuns
    .list()
    .filter((r) => r.runToken && r.graphId === graphId)
    .slice(0, ASK_AT_MOST);
  for (const r of mine) {
    let info: OwnedRunInfo;
    try {
      info = await fetchRun(r.runId, r.runToken);
    } catch {
      continue; // Forgotten by the server (restarted, or long finished).
    }
    if (!isRunActive(info.status) || (r.runId !== draftRun && !sameNodes(info.graph))) continue;
    if (useRunStore.getState().runId) return false; // The user started one meanwhile.
    attachRun(r.runId, 'owner', r.runToken ?? null, info);
    return true;
  }
  return false;
}
