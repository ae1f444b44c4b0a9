import express, { type RequestHandler, Router } from 'express';
import type { SaveRecordingResponse } from '../../shared/protocol/recording-api.js';
import { recordingFileSchema } from '../../shared/protocol/recording-file.js';
import type { Limits } from '../config.js';
import type { SavedRecordings } from '../recording/saved-recordings.js';
import { HttpError } from './api-error.js';
import { parseBody } from './parse-body.js';

/**
 * Bytes an imported recording file may have: twice SLUICE_MAX_RECORDING_MB (the file is JSON
 * text: its frames' data are escaped strings, a little longer than the recording counts them)
 * plus SLUICE_MAX_BODY_BYTES for the graph. Counted after gzip/deflate inflation, as every body.
 */
export const recordingUploadBytes = (limits: Pick<Limits, 'maxRecordingMb' | 'maxBodyBytes'>): number =>
  2 * limits.maxRecordingMb * 1024 * 1024 + limits.maxBodyBytes;

/**
 * `POST /api/recordings`: an exported recording file → 201 `{ slug }`. Mounted before the API's
 * own JSON parser, whose limit (SLUICE_MAX_BODY_BYTES) is for graphs and edits, not recordings.
 */
export function recordingUpload(saved: SavedRecordings, limits: Limits): Router {
  const r = Router();
  const limit = recordingUploadBytes(limits);
  const json = express.json({ limit });
  const parse: RequestHandler = (req, res, next) =>
    json(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type !== 'entity.too.large') return next(err);
      next(
        new HttpError(
          413,
          'too_large',
          `a recording file may be ${limit} bytes (2 × SLUICE_MAX_RECORDING_MB + SLUICE_MAX_BODY_BYTES)`,
        ),
      );
    });
  r.post('/recordings', parse, async (req, res) => {
    const file = parseBody(recordingFileSchema, req.body);
    const out: SaveRecordingResponse = { slug: await saved.import(file) };
    res.status(201).json(out);
  });
  return r;
}
