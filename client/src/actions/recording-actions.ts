import { graphSchema } from '../../../shared/graph/graph-schema.js';
import { findPoisonKeys } from '../../../shared/graph/poison-keys.js';
import { ApiRequestError, createGraph } from '../api/api-client.js';
import { exportUrl, fetchRecording, importRecording, saveRecording } from '../api/recording-client.js';
import { setEditToken } from '../lib/edit-tokens.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { PAGE_MS, pageOf } from '../lib/frame-cache.js';
import { graphPath } from '../lib/route.js';
import { uncrowd } from '../lib/uncrowd.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRecordingPageStore } from '../stores/recording-page-store.js';
import { resetHistory } from '../stores/telemetry-history.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { recordedFrames, useTimelineStore } from '../stores/timeline-store.js';
import { toast } from '../stores/toast-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { backfillCharts } from './chart-backfill.js';
import { beginTimeline, seek } from './replay.js';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Why a recording page shows nothing, in words. */
function refusal(err: unknown): string {
  if (err instanceof ApiRequestError && err.status === 404) return 'There is no recording at this link.';
  return `The recording could not be loaded: ${messageOf(err)}`;
}

/**
 * Opens `/r/<slug>`: the recorded graph read-only, the canvas at the recording's first frame (or
 * the `?t=` of the link) and the timeline to replay it. Never starts a run; the canvas never
 * becomes the draft.
 */
export async function openRecording(slug: string): Promise<void> {
  const page = useRecordingPageStore.getState();
  page.set({ slug, error: null });
  try {
    const rec = await fetchRecording(slug);
    const doc = graphSchema.safeParse(rec.graph);
    if (!doc.success) throw new Error('it holds no graph that can be drawn');
    useGraphStore.getState().load(uncrowd(doc.data), { readOnly: true });
    useDocStore.getState().setSaved(null, null);
    useDocStore.getState().markClean();
    page.set({ name: rec.name || doc.data.name, createdAt: rec.createdAt });
    useTelemetryStore.getState().clear();
    beginTimeline({ type: 'saved', slug }, true);
    useTimelineStore
      .getState()
      .set({ startT: rec.startT, endT: rec.endT, ended: true, thinned: rec.thinned });
    // The first frames came with the recording: whole windows among them need no fetch.
    const complete = rec.next ?? Number.POSITIVE_INFINITY;
    for (const index of new Set(rec.frames.map((f) => pageOf(f.t))))
      if ((index + 1) * PAGE_MS <= complete) recordedFrames.putPage(index, rec.frames, rec.endT);
    if (useTimelineStore.getState().cursorT === null) seek(rec.startT);
    resetHistory();
    void backfillCharts({ type: 'saved', slug });
  } catch (err) {
    page.set({ error: refusal(err) });
  }
}

/** Keeps the run's recording for good and shows its link. */
export async function saveCurrentRecording(): Promise<void> {
  const t = useTimelineStore.getState();
  if (t.source?.type !== 'run' || t.saving) return;
  const runId = t.source.runId;
  t.set({ saving: true });
  try {
    const { slug } = await saveRecording(runId);
    const now = useTimelineStore.getState();
    if (now.source?.type === 'run' && now.source.runId === runId) now.set({ savedSlug: slug });
    useUiStore.getState().openDialog('recording');
  } catch (err) {
    toast(`Recording not saved: ${messageOf(err)}`, 'bad');
  } finally {
    useTimelineStore.getState().set({ saving: false });
  }
}

/** Downloads the recording shown on this page as a file (the server names it). */
export function exportRecording(): void {
  const slug = useRecordingPageStore.getState().slug;
  if (!slug) return;
  const a = document.createElement('a');
  a.href = exportUrl(slug);
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Asks for a recording file and imports it. */
export function pickRecordingFile(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void importRecordingFile(file);
  });
  input.click();
}

/** Reads an exported recording file and stores it as a new saved recording, then opens it. */
export async function importRecordingFile(file: File): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(await file.text());
  } catch {
    toast(`${file.name} is not a recording file (not JSON)`, 'bad');
    return;
  }
  const poison = findPoisonKeys(body, 1);
  if (poison.length > 0) {
    toast(`${file.name} is refused: it holds the key ${poison[0]}`, 'bad');
    return;
  }
  try {
    const { slug } = await importRecording(body);
    window.location.assign(`/r/${encodeURIComponent(slug)}`);
  } catch (err) {
    toast(`Recording not imported: ${messageOf(err)}`, 'bad');
  }
}

/** The recorded graph as a new graph of your own (its edit token kept here), opened to edit. */
export async function forkRecording(): Promise<void> {
  const { name, nodes, edges } = useGraphStore.getState();
  try {
    const doc = { ...toGraphDocument(name, nodes, edges), name: `${name} (fork)`.slice(0, 200) };
    const r = await createGraph(doc);
    setEditToken(r.id, r.editToken);
    window.location.assign(graphPath(r.slug));
  } catch (err) {
    toast(`Fork failed: ${messageOf(err)}`, 'bad');
  }
}
