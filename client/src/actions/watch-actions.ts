import { graphSchema } from '../../../shared/graph/graph-schema.js';
import type { RunInfo as OwnedRunInfo } from '../../../shared/protocol/api.js';
import { ApiRequestError, fetchRun } from '../api/api-client.js';
import { graphPath } from '../lib/route.js';
import { ownedRuns } from '../lib/run-tokens.js';
import { uncrowd } from '../lib/uncrowd.js';
import { useDocStore } from '../stores/doc-store.js';
import { readDraft } from '../stores/graph-draft.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { attachRun } from './run-attach.js';

/** Why a watch page shows no run, in words (null while it loads or when it shows one). */
export function watchRefusal(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return 'The run could not be loaded.';
  if (err.status === 404)
    return 'This run is not on the server any more (it ended long ago, or the server restarted).';
  if (err.status === 401 || err.status === 403)
    return 'This watch link is not valid for this run: ask its owner for a new one.';
  return `The run could not be loaded: ${err.message}`;
}

/** The key of a watch page: the link's fragment, else the run token this browser holds. */
function watchToken(runId: string): { token: string | null; mine: boolean } {
  const fragment = decodeURIComponent(window.location.hash.replace(/^#/, ''));
  if (fragment) return { token: fragment, mine: ownedRuns.get(runId)?.runToken === fragment };
  const own = ownedRuns.get(runId)?.runToken;
  return { token: own ?? null, mine: own !== undefined };
}

/**
 * Opens `/watch/<runId>`: the run's graph read-only with its live numbers. The canvas never
 * becomes the draft (read-only graphs are not written), so leaving finds your own work as it was.
 * A refusal (bad link, run gone) is shown on the page in words.
 */
export async function openWatch(runId: string): Promise<void> {
  useRunAccessStore.getState().setWatchPage(true);
  const refusal = await showWatchedRun(runId);
  if (refusal) useRunAccessStore.getState().setWatchPage(true, refusal);
}

async function showWatchedRun(runId: string): Promise<string | null> {
  const { token, mine } = watchToken(runId);
  if (!token) return 'This link has no watch key: ask the run’s owner for the whole link.';
  let info: OwnedRunInfo;
  try {
    info = await fetchRun(runId, token);
  } catch (err) {
    return watchRefusal(err);
  }
  const doc = graphSchema.safeParse(info.graph);
  if (!doc.success) return 'The server did not send this run’s graph, so there is nothing to draw.';
  useGraphStore.getState().load(uncrowd(doc.data), { readOnly: true });
  // Nothing here is the user's to lose: no "unsaved changes" prompt on leaving.
  useDocStore.getState().setSaved(null, null);
  useDocStore.getState().markClean();
  const role = info.access ?? (mine ? 'owner' : 'watcher');
  attachRun(runId, role, token, info);
  return null;
}

/** Back to the editor and your own draft (a fresh load: the watch page's canvas is not yours). */
export function leaveWatch(): void {
  const meta = readDraft()?.meta;
  window.location.assign(meta ? graphPath(meta.slug) : '/');
}
