import { type GraphInput, graphSchema } from '../../../shared/graph/graph-schema.js';
import type { PatchRunParamsRequest } from '../../../shared/protocol/api.js';
import {
  ApiRequestError,
  createGraph,
  fetchGraph,
  fetchRevision,
  forkGraph,
  patchRunParams,
  updateGraph,
} from '../api/api-client.js';
import { stopCurrentRun } from '../api/run-lifecycle.js';
import { editTokenFor, forgetEditToken, setEditToken } from '../lib/edit-tokens.js';
import type { Example } from '../lib/examples.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { graphPath, setPath } from '../lib/route.js';
import { isRunActive } from '../lib/run-gate.js';
import { spread } from '../lib/spread.js';
import { confirmDiscard, currentDocKey, type DocMeta, useDocStore } from '../stores/doc-store.js';
import { useLessonStore } from '../stores/examples-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { clearRunView } from '../stores/run-view.js';
import { toast } from '../stores/toast-store.js';
import { BOTTOM_MIN, useUiStore } from '../stores/ui-store.js';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Puts another document on the canvas. A run of the previous graph is stopped (its overlays
 * would point at nodes that are gone) and the live view is cleared.
 */
export function replaceDocument(
  doc: GraphInput,
  meta: DocMeta | null,
  options: { readOnly?: boolean } = {},
): void {
  if (isRunActive(useRunStore.getState().phase)) void stopCurrentRun('abort');
  clearRunView();
  useLessonStore.getState().close();
  useGraphStore.getState().load(doc, options);
  useDocStore.getState().setSaved(meta, meta ? currentDocKey() : null);
  setPath(meta ? graphPath(meta.slug) : '/');
}

/** Saves the canvas: the first time as a new graph (keeping its edit token), then as new revisions. */
export async function saveGraph(): Promise<void> {
  const g = useGraphStore.getState();
  const docs = useDocStore.getState();
  if (g.readOnly) {
    toast('This shared graph is read-only: fork it to save your own copy', 'warn');
    return;
  }
  if (docs.saving) return;
  // An empty canvas is not worth a graph, an edit token and a link (an emptied saved graph is).
  if (!docs.meta && g.nodes.length === 0) {
    toast('Nothing to save yet: add a node or open an example first', 'warn');
    return;
  }
  const doc = toGraphDocument(g.name, g.nodes, g.edges, g.notes, g.groups);
  const key = JSON.stringify(doc);
  const token = docs.meta ? editTokenFor(docs.meta.graphId) : undefined;
  docs.setSaving(true);
  try {
    let meta: DocMeta;
    let issues: unknown[];
    let created = false;
    if (docs.meta && token) {
      try {
        const r = await updateGraph(docs.meta.graphId, token, doc);
        meta = { ...docs.meta, revision: r.revision };
        issues = r.issues;
      } catch (err) {
        if (!(err instanceof ApiRequestError) || ![401, 403, 404].includes(err.status)) throw err;
        // The token was refused or the graph is gone: keep the work as a new graph.
        forgetEditToken(docs.meta.graphId);
        toast('Could not save to the original graph, so this was saved as a new one', 'warn');
        ({ meta, issues } = await saveAsNew(doc));
        created = true;
      }
    } else {
      ({ meta, issues } = await saveAsNew(doc));
      created = true;
    }
    useDocStore.getState().setSaved(meta, key);
    setPath(graphPath(meta.slug), true);
    toast(
      issues.length > 0
        ? `Saved revision ${meta.revision} · it will not run yet: ${plural(issues.length, 'problem')}`
        : `Saved “${doc.name}” · revision ${meta.revision}`,
      issues.length > 0 ? 'warn' : 'good',
    );
    // A new graph's edit token is shown this once, to copy for other browsers.
    if (created) useUiStore.getState().openDialog('edit-token');
  } catch (err) {
    toast(`Not saved: ${messageOf(err)}`, 'bad');
  } finally {
    useDocStore.getState().setSaving(false);
  }
}

async function saveAsNew(doc: GraphInput): Promise<{ meta: DocMeta; issues: unknown[] }> {
  const r = await createGraph(doc);
  setEditToken(r.id, r.editToken);
  return { meta: { graphId: r.id, slug: r.slug, revision: r.revision }, issues: r.issues ?? [] };
}

/**
 * Opens a saved graph by slug or id: editable when this browser holds its edit token,
 * read-only otherwise. Opening never starts a run.
 */
export async function openGraph(idOrSlug: string): Promise<boolean> {
  try {
    const g = await fetchGraph(idOrSlug);
    const doc = graphSchema.safeParse(g.graph);
    if (!doc.success) {
      toast(`“${g.name}” cannot be opened: it is not a graph this editor understands`, 'bad');
      return false;
    }
    const editable = editTokenFor(g.id) !== undefined;
    replaceDocument(doc.data, { graphId: g.id, slug: g.slug, revision: g.revision }, { readOnly: !editable });
    return true;
  } catch (err) {
    toast(
      err instanceof ApiRequestError && err.status === 404
        ? 'That graph does not exist (the link may be wrong)'
        : `Could not open the graph: ${messageOf(err)}`,
      'bad',
    );
    return false;
  }
}

/** Copies the shared graph on the canvas into a new graph of your own, editable at once. */
export async function forkCurrent(): Promise<void> {
  const { meta } = useDocStore.getState();
  const g = useGraphStore.getState();
  if (!meta) return;
  const name = `${g.name} (fork)`.slice(0, 200);
  try {
    const r = await forkGraph(meta.slug, { revision: meta.revision, name });
    setEditToken(r.id, r.editToken);
    const doc = { ...toGraphDocument(g.name, g.nodes, g.edges, g.notes, g.groups), name };
    replaceDocument(doc, { graphId: r.id, slug: r.slug, revision: r.revision });
    toast('Forked: this copy is yours to edit, run and share', 'good');
    useUiStore.getState().openDialog('edit-token');
  } catch (err) {
    toast(`Fork failed: ${messageOf(err)}`, 'bad');
  }
}

/** Starts an empty graph (after asking, when there are unsaved changes). */
export function newGraph(): void {
  if (confirmDiscard('Start a new graph')) newGraphSilently();
}

/** An empty graph, without asking (the caller already did). */
export function newGraphSilently(): void {
  replaceDocument({ schemaVersion: 1, name: 'untitled', nodes: [], edges: [] }, null);
}

/** Puts an old revision on the canvas as an undoable edit; saving makes it the newest revision. */
export async function restoreRevision(revision: number): Promise<void> {
  const { meta } = useDocStore.getState();
  if (!meta) return;
  try {
    const r = await fetchRevision(meta.graphId, revision);
    const doc = graphSchema.safeParse(r.graph);
    if (!doc.success) throw new Error('the stored revision is not a valid graph');
    useGraphStore.getState().restore(doc.data);
    toast(`Revision ${revision} restored · save to make it the latest (Ctrl+Z undoes)`, 'good');
  } catch (err) {
    toast(`Could not restore revision ${revision}: ${messageOf(err)}`, 'bad');
  }
}

/** A safe file name for a graph: `<name>.json`. */
export function exportFileName(name: string): string {
  const base = name
    .trim()
    .replace(/[^\p{L}\p{N} ._-]+/gu, '-')
    .replace(/\s+/g, ' ')
    .slice(0, 80)
    .trim();
  return `${base || 'graph'}.json`;
}

/** Downloads the canvas as a graph document. */
export function exportGraph(): void {
  const { name, nodes, edges, notes, groups } = useGraphStore.getState();
  const blob = new Blob(
    [`${JSON.stringify(toGraphDocument(name, nodes, edges, notes, groups), null, 2)}\n`],
    {
      type: 'application/json',
    },
  );
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * Room between an example's columns: the queue gauge on each edge and a little air. A lesson of
 * four columns gets less, so it is framed whole with node text of 11 px at least from 1280 × 720
 * (e2e/layout.spec.ts); rows get just enough room for the edges that run between them.
 */
const EXAMPLE_GAP_X = 112;
const EXAMPLE_GAP_X_WIDE = 72;
const EXAMPLE_GAP_Y = 32;
/**
 * The zoom at which a node's 13 px title and numbers are 11 px on screen (and a little more). A
 * lesson whose graph would be framed smaller because the bottom panel takes the height opens
 * with that panel shorter, or folded.
 */
const READABLE_ZOOM = 0.87;
/** The canvas height the toolbar and margins take from the graph, px (hooks/use-fit-graph.ts). */
const CANVAS_CHROME_Y = 92;

/**
 * Loads a gallery example as a new graph and opens its lesson beside the canvas. Not saved on the
 * server, but not "unsaved changes" either until it is edited: an untouched example is one click
 * away in the gallery, so replacing it asks nothing.
 */
export function loadExample(example: Example): boolean {
  if (!confirmDiscard(`Open the example “${example.title}”`)) return false;
  replaceDocument(structuredClone(example.graph), null);
  useDocStore.getState().markClean();
  useLessonStore.getState().open(example);
  // Examples are drawn on a compact grid; once their nodes are measured, give them room to read
  // (not an undo step, nor a change: nothing was edited yet), then frame them beside the lesson.
  setTimeout(() => {
    const g = useGraphStore.getState();
    const boxes = g.nodes.map((n) => ({
      id: n.id,
      position: n.position,
      width: n.measured?.width ?? 232,
      height: n.measured?.height ?? 140,
    }));
    const untouched = !useDocStore.getState().dirty;
    const columns = new Set(boxes.map((b) => Math.round(b.position.x))).size;
    const gapX = columns > 3 ? EXAMPLE_GAP_X_WIDE : EXAMPLE_GAP_X;
    const spreadOut = spread(boxes, gapX, EXAMPLE_GAP_Y);
    g.moveNodes(spreadOut, { record: false });
    foldDetailsIfCramped(boxes.map((b) => ({ ...b, position: spreadOut.get(b.id) ?? b.position })));
    if (untouched) useDocStore.getState().markClean();
    g.requestFrame();
  }, 80);
  return true;
}

/**
 * Makes room for a lesson's graph to be read: when the bottom panel leaves the canvas too little
 * height, the panel is made shorter, or folded when even its smallest height is too much.
 */
function foldDetailsIfCramped(boxes: ReadonlyArray<{ position: { y: number }; height: number }>): void {
  const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]');
  const ui = useUiStore.getState();
  if (!canvas || boxes.length === 0 || !ui.bottomOpen) return;
  const top = Math.min(...boxes.map((b) => b.position.y));
  const bottom = Math.max(...boxes.map((b) => b.position.y + b.height));
  const shortfall = Math.ceil((bottom - top) * READABLE_ZOOM + CANVAS_CHROME_Y - canvas.clientHeight);
  if (shortfall <= 0) return;
  const height = ui.bottomHeight - shortfall;
  ui.setBottom(height >= BOTTOM_MIN ? { bottomHeight: height } : { bottomOpen: false });
}

/**
 * Makes a lesson step's change: on the canvas (so the inspector and a later save agree) and, when
 * the graph is running, on the run itself in one live edit.
 */
export async function applyLessonPatch(patch: PatchRunParamsRequest): Promise<void> {
  const g = useGraphStore.getState();
  for (const [nodeId, params] of Object.entries(patch.nodes ?? {}))
    for (const [key, value] of Object.entries(params)) g.setParam(nodeId, [key], value);
  for (const [edgeId, { expireMs, ...settings }] of Object.entries(patch.edges ?? {}))
    g.setEdgeData(
      edgeId,
      expireMs === undefined ? settings : { ...settings, expireMs: expireMs ?? undefined },
    );
  const { runId, phase } = useRunStore.getState();
  if (!runId || !isRunActive(phase)) {
    toast('Changed on the canvas: run the graph to see the effect', 'good');
    return;
  }
  try {
    await patchRunParams(runId, patch);
    toast('Applied to the running graph', 'good');
  } catch (err) {
    toast(`Not applied to the run: ${messageOf(err)}`, 'bad');
  }
}
