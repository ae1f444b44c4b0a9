import { getSocket } from '../api/socket-client.js';
import { editTokenFor } from '../lib/edit-tokens.js';
import { graphPath, parseRoute, setPath } from '../lib/route.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useClusterModeStore } from '../stores/cluster-mode-store.js';
import { confirmDiscard, useDocStore } from '../stores/doc-store.js';
import { useExamplesStore } from '../stores/examples-store.js';
import { applyDraft, type Draft, keepDraft, readDraft } from '../stores/graph-draft.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { newGraphSilently, openGraph } from './doc-actions.js';
import { openRecording } from './recording-actions.js';
import { reattachOwnRun } from './run-attach.js';
import { openWatch } from './watch-actions.js';

const GALLERY_SEEN = 'sluice:gallery-seen';

/**
 * Starts the editor: catalog and socket early, the draft back on the canvas, then whatever the
 * address asks for (`/g/<slug>` opens a saved graph, read-only without its edit token).
 */
export async function boot(): Promise<void> {
  void useCatalogStore.getState().load();
  void useClusterModeStore.getState().load();
  getSocket();
  const route = parseRoute(window.location.pathname);
  // A watch page shows someone's run, not your draft: the draft stays untouched in storage.
  if (route.type === 'watch') return openWatch(route.runId);
  // So does a recording's page: it replays, never runs, and leaves the draft alone.
  if (route.type === 'recording') return openRecording(route.slug);
  const draft = readDraft();
  if (draft) applyDraft(draft);
  keepDraft();
  window.addEventListener('beforeunload', (e) => {
    if (!useDocStore.getState().dirty) return;
    e.preventDefault();
    // Older browsers need returnValue set to show the prompt.
    e.returnValue = '';
  });
  window.addEventListener('popstate', () => void onPopState());
  if (route.type === 'graph') await openRoute(route.slug, draft);
  else if (draft?.meta) setPath(graphPath(draft.meta.slug), true);
  else void firstVisitGallery(draft);
  // A reload finds its own run still going (within the server's grace period): show it again.
  await reattachOwnRun(draft?.runId ?? null);
}

/** A link to a graph this browser is editing keeps the local draft (unsaved work included). */
async function openRoute(slug: string, draft: Draft | null): Promise<void> {
  const mine = draft?.meta && (draft.meta.slug === slug || draft.meta.graphId === slug);
  if (mine && draft?.meta && editTokenFor(draft.meta.graphId)) return;
  const opened = await openGraph(slug);
  if (!opened && draft) {
    applyDraft(draft);
    setPath(draft.meta ? graphPath(draft.meta.slug) : '/', true);
  }
}

async function onPopState(): Promise<void> {
  const route = parseRoute(window.location.pathname);
  const meta = useDocStore.getState().meta;
  const here = meta ? graphPath(meta.slug) : '/';
  if (window.location.pathname === here) return;
  if (!confirmDiscard('Leave this graph')) {
    window.history.pushState(null, '', here);
    return;
  }
  if (route.type === 'graph') await openGraph(route.slug);
  else newGraphSilently();
}

/** The gallery opens by itself once, for someone arriving with nothing on the canvas. */
async function firstVisitGallery(draft: Draft | null): Promise<void> {
  try {
    if (localStorage.getItem(GALLERY_SEEN)) return;
    localStorage.setItem(GALLERY_SEEN, '1');
  } catch {
    return;
  }
  if ((draft?.doc.nodes.length ?? 0) > 0) return;
  const examples = await useExamplesStore.getState().load();
  if (examples.length > 0 && useGraphStore.getState().nodes.length === 0 && !useUiStore.getState().dialog)
    useUiStore.getState().openDialog('gallery');
}
