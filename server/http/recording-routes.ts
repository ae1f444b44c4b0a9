import { type Request, Router } from 'express';
import type {
  FramesResponse,
  RecordingEvent,
  RecordingResponse,
  SaveRecordingResponse,
  TimelineResponse,
} from '../../shared/protocol/recording-api.js';
import { RECORDING_FILE_FORMAT, type RecordingFile } from '../../shared/protocol/recording-file.js';
import type { TracesResponse } from '../../shared/protocol/trace.js';
import { writeFramesCsv } from '../recording/frames-csv-stream.js';
import { framesPage, stepOf, timelineResponse, windowOf } from '../recording/recording-responses.js';
import type { RecordingView, RunRecordings, StoredRunView } from '../recording/run-recordings.js';
import type { SavedRecordings, SavedView } from '../recording/saved-recordings.js';
import type { RunManager } from '../runs/run-manager.js';
import { tokenMatches } from '../store/edit-token.js';
import { HttpError } from './api-error.js';
import { bearerOf } from './bearer.js';

/**
 * The flight recorder's routes (issue 17, docs/recordings.md). A run's recording is read with the
 * run's token or watch token, as the run is; after the run is forgotten (or the server
 * restarted) the recording's file still knows both tokens' hashes.
 */
export function recordingRoutes(runs: RunManager, recordings: RunRecordings, saved: SavedRecordings): Router {
  const r = Router();

  async function readable(req: Request, need: 'read' | 'control' = 'read'): Promise<RecordingView> {
    const runId = String(req.params.runId);
    const token = bearerOf(req);
    const known = runs.get(runId) !== undefined;
    if (known) runs.authorize(runId, token, need);
    const view = await recordings.view(runId);
    if (view === undefined) {
      throw new HttpError(
        404,
        'not_found',
        known
          ? `run "${runId}" has no recording any more (only the newest SLUICE_KEEP_RECORDINGS are kept)`
          : `no run "${runId}"`,
      );
    }
    if (!known) authorizeStored(view as StoredRunView, token, need);
    return view;
  }

  async function savedView(req: Request): Promise<SavedView> {
    const slug = String(req.params.slug);
    const view = await saved.view(slug);
    if (view === undefined) throw new HttpError(404, 'not_found', `no saved recording "${slug}"`);
    return view;
  }

  r.get('/runs/:runId/frames', async (req, res) => {
    const { from, to } = windowOf(req.query);
    const out: FramesResponse = framesPage(await readable(req), from, to, stepOf(req.query));
    res.json(out);
  });

  // CSV of the whole run (issue 20): every recorded frame, a page at a time, written as the
  // socket drains, so a 30-minute 500-node run never sits in memory as one string.
  r.get('/runs/:runId/frames.csv', async (req, res) => {
    const view = await readable(req);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="run-${String(req.params.runId)}.csv"`);
    await writeFramesCsv(view, res);
  });

  // Followed items whose hops overlap [from, to] (issue 18): the replay draws their tokens.
  r.get('/runs/:runId/traces', async (req, res) => {
    const { from, to } = windowOf(req.query);
    const out: TracesResponse = { traces: (await readable(req)).rec.tracesBetween(from, to) };
    res.json(out);
  });

  r.get('/runs/:runId/timeline', async (req, res) => {
    const out: TimelineResponse = timelineResponse(await readable(req));
    res.json(out);
  });

  // Saving is the owner's: the graph goes with it, and a watch token only watches.
  r.post('/runs/:runId/recording', async (req, res) => {
    const out: SaveRecordingResponse = { slug: await saved.save(await readable(req, 'control')) };
    res.status(201).json(out);
  });

  // Reading a saved recording needs only its slug (it is a public link, like /g/<slug>), and never starts a run.
  r.get('/recordings/:slug', async (req, res) => {
    const view = await savedView(req);
    const page = framesPage(view, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    const out: RecordingResponse = {
      slug: view.slug,
      name: view.name,
      graph: view.graph,
      frames: page.frames,
      events: view.rec.eventsBetween(
        Number.NEGATIVE_INFINITY,
        Number.POSITIVE_INFINITY,
      ) as unknown as RecordingEvent[],
      createdAt: view.createdAt,
      startT: view.rec.startT,
      endT: view.rec.endT,
      hz: view.hz,
      thinned: page.thinned,
    };
    if (page.next !== undefined) out.next = page.next;
    res.json(out);
  });

  r.get('/recordings/:slug/frames', async (req, res) => {
    const { from, to } = windowOf(req.query);
    const out: FramesResponse = framesPage(await savedView(req), from, to, stepOf(req.query));
    res.json(out);
  });

  r.get('/recordings/:slug/traces', async (req, res) => {
    const { from, to } = windowOf(req.query);
    const out: TracesResponse = { traces: (await savedView(req)).rec.tracesBetween(from, to) };
    res.json(out);
  });

  // The same CSV of a saved recording (a public link, like its frames): the replay page's CSV.
  r.get('/recordings/:slug/frames.csv', async (req, res) => {
    const view = await savedView(req);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="recording-${view.slug}.csv"`);
    await writeFramesCsv(view, res);
  });

  r.get('/recordings/:slug/timeline', async (req, res) => {
    const out: TimelineResponse = timelineResponse(await savedView(req));
    res.json(out);
  });

  r.get('/recordings/:slug/export', async (req, res) => {
    const view = await savedView(req);
    const file: RecordingFile = {
      format: RECORDING_FILE_FORMAT,
      version: 1,
      name: view.name,
      graph: view.graph,
      hz: view.hz,
      recording: view.rec.toData(),
    };
    const base = view.name
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 60);
    res.attachment(`${base || 'recording'}.sluice-recording.json`);
    res.json(file);
  });

  return r;
}

/** As RunManager.authorize does for a remembered run, against the stored hashes. */
function authorizeStored(view: StoredRunView, token: string | undefined, need: 'read' | 'control'): void {
  const what = need === 'control' ? "the run's token" : "the run's token or watch token";
  if (token === undefined || token === '')
    throw new HttpError(401, 'unauthorized', `this needs ${what}: Authorization: Bearer <token>`);
  // Both compared every time, so the timing does not tell which one matched.
  const owner = tokenMatches(token, view.runTokenHash);
  const watcher = tokenMatches(token, view.watchTokenHash);
  if (!(owner || (watcher && need === 'read')))
    throw new HttpError(403, 'forbidden', `the token is not ${what}`);
}
