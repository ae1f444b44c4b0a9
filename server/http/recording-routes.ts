import { type Request, Router } from 'express';
import type { FramesResponse, TimelineResponse } from '../../shared/protocol/recording-api.js';
import { framesPage, timelineResponse, windowOf } from '../recording/recording-responses.js';
import type { RecordingView, RunRecordings, StoredRunView } from '../recording/run-recordings.js';
import type { RunManager } from '../runs/run-manager.js';
import { tokenMatches } from '../store/edit-token.js';
import { HttpError } from './api-error.js';
import { bearerOf } from './bearer.js';

/**
 * The flight recorder's routes (issue 17, docs/recordings.md). A run's recording is read with the
 * run's token or watch token, as the run is; after the run is forgotten (or the server
 * restarted) the recording's file still knows both tokens' hashes.
 */
export function recordingRoutes(runs: RunManager, recordings: RunRecordings): Router {
  const r = Router();

  async function readable(req: Request): Promise<RecordingView> {
    const runId = String(req.params.runId);
    const token = bearerOf(req);
    const known = runs.get(runId) !== undefined;
    if (known) runs.authorize(runId, token, 'read');
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
    if (!known) authorizeStored(view as StoredRunView, token);
    return view;
  }

  r.get('/runs/:runId/frames', async (req, res) => {
    const { from, to } = windowOf(req.query);
    const out: FramesResponse = framesPage(await readable(req), from, to);
    res.json(out);
  });

  r.get('/runs/:runId/timeline', async (req, res) => {
    const out: TimelineResponse = timelineResponse(await readable(req));
    res.json(out);
  });

  return r;
}

/** As RunManager.authorize(…, 'read') does for a remembered run, against the stored hashes. */
function authorizeStored(view: StoredRunView, token: string | undefined): void {
  if (token === undefined || token === '')
    throw new HttpError(
      401,
      'unauthorized',
      "this needs the run's token or watch token: Authorization: Bearer <token>",
    );
  // Both compared every time, so the timing does not tell which one matched.
  const owner = tokenMatches(token, view.runTokenHash);
  const watcher = tokenMatches(token, view.watchTokenHash);
  if (!owner && !watcher)
    throw new HttpError(403, 'forbidden', "the token is not the run's token or watch token");
}
