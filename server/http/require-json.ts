import type { RequestHandler } from 'express';
import { sendError } from './api-error.js';

/**
 * JSON routes take JSON: a body of any other type gets 415 `unsupported_media_type` instead of
 * being ignored (the JSON parser skips it, and the route would then act on an empty body — a
 * text/plain `stop` would stop a run). Requests without a body pass, whatever their type.
 * Mounted after the ingest routes, which take NDJSON and read their own bodies.
 */
export const requireJson: RequestHandler = (req, res, next) => {
  // An empty body (`content-length: 0`, as fetch sends for a bodiless POST) is no body at all;
  // otherwise `is` answers null when there is no body, false when the type does not match.
  const empty = req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined;
  if (empty || req.is('application/json') !== false) return next();
  sendError(res, 415, {
    error: 'unsupported_media_type',
    message: `send application/json, not ${String(req.headers['content-type'] ?? 'no content type').slice(0, 100)}`,
  });
};
