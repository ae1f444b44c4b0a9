import { stat } from 'node:fs/promises';
import { Router } from 'express';
import type { RunManager } from '../runs/run-manager.js';
import { runFilePath } from '../runtime/run-files.js';
import { HttpError } from './api-error.js';
import { bearerOf } from './bearer.js';

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NODE_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * `GET /api/runs/:runId/files/:nodeId` downloads what a `file` sink wrote, as an attachment. While
 * the run is going this is the file so far; it is complete once the run has ended. Files outlive
 * the run's entry in memory until the folder is pruned (SLUICE_KEEP_RUN_FILES), but can only be
 * downloaded while the run (and so its token) is remembered.
 *
 * Needs the run token: `Authorization: Bearer <runToken>`, or `?token=<runToken>` so a plain link
 * works in a browser.
 */
export function fileRoutes(dataDir: string, runs: RunManager): Router {
  const r = Router();
  r.get('/runs/:runId/files/:nodeId', async (req, res) => {
    const { runId, nodeId } = req.params;
    const query = typeof req.query.token === 'string' ? req.query.token : undefined;
    runs.authorize(runId, bearerOf(req) ?? query, 'control');
    const file = RUN_ID.test(runId) && NODE_ID.test(nodeId) ? runFilePath(dataDir, runId, nodeId) : undefined;
    const found = file === undefined ? undefined : await stat(file).catch(() => undefined);
    if (!file || !found?.isFile())
      throw new HttpError(404, 'not_found', `no file from node "${nodeId}" of run "${runId}"`);
    res.attachment(`${runId}-${nodeId}.jsonl`);
    res.type('application/x-ndjson');
    res.setHeader('Cache-Control', 'no-store');
    await new Promise<void>((resolve, reject) =>
      res.sendFile(file, { dotfiles: 'allow', lastModified: false }, (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  });
  return r;
}
