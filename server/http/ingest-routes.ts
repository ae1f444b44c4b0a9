import { Router } from 'express';
import type { IngestResponse } from '../../shared/protocol/api.js';
import { LIMIT_ENV, type Limits } from '../config.js';
import type { RunManager } from '../runs/run-manager.js';
import { HttpError, sendError } from './api-error.js';
import { bearerOf } from './bearer.js';
import { ingestFormat, parseItems, readBody } from './ingest-body.js';

/**
 * `POST /api/runs/:runId/ingest/:nodeId`, the endpoint of an `http-ingest` node. Mounted before
 * the JSON body parser: it reads its own body, because it takes NDJSON too and its size limit is
 * the node's (`maxBodyBytes`) as well as the server's.
 *
 * Needs the node's ingest key (given to the run's owner in `GET /api/runs/:runId`) or the run
 * token as `Authorization: Bearer`: 401 without one, 403 with another.
 *
 * 202 `{ accepted }` — the whole request is in the node's buffer.
 * 429 + Retry-After — the buffer has no room for all of it; nothing was accepted, send it again.
 * 400 bad JSON or items · 404 no such run/node · 409 run draining or finished · 413 too large ·
 * 415 not JSON/NDJSON, or compressed.
 */
export function ingestRoutes(runs: RunManager, limits: Limits): Router {
  const r = Router();
  r.post('/runs/:runId/ingest/:nodeId', async (req, res) => {
    runs.authorizeIngest(req.params.runId, req.params.nodeId, bearerOf(req));
    const endpoint = runs.ingestEndpoint(req.params.runId, req.params.nodeId);
    const format = ingestFormat(req.headers['content-type']);
    if (!format) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        'send application/json (an object or an array of objects) or application/x-ndjson',
      );
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity')
      throw new HttpError(415, 'unsupported_encoding', 'ingest bodies are not compressed');
    const { window } = endpoint;
    // No credit at all: refuse before reading a byte, the cheapest answer a busy server can give.
    if (window.credit === 0) return refuse(1);
    const nodeLimit = endpoint.maxBodyBytes < limits.maxBodyBytes;
    const limit = nodeLimit ? endpoint.maxBodyBytes : limits.maxBodyBytes;
    const body = await readBody(
      req,
      limit,
      nodeLimit ? "the node's maxBodyBytes" : `the limit maxBodyBytes (${LIMIT_ENV.maxBodyBytes})`,
    );
    const items = parseItems(body.toString('utf8'), format, limits.maxNestingDepth);
    if (items.length > window.capacity) {
      throw new HttpError(
        413,
        'too_large',
        `${items.length} items can never fit this node's buffer of ${window.capacity} (bufferSize); send fewer at a time`,
      );
    }
    const now = Date.now();
    for (const item of items) if (!Object.hasOwn(item, 'ts')) item.ts = now;
    if (!endpoint.accept(items)) return refuse(items.length);
    const out: IngestResponse = { accepted: items.length };
    res.status(202).json(out);

    function refuse(n: number) {
      const seconds = window.retryAfterSeconds(n);
      res.setHeader('Retry-After', String(seconds));
      sendError(res, 429, {
        error: 'ingest_full',
        message: `the node's buffer has room for ${window.credit} of ${window.capacity} items; retry after ${seconds} s`,
      });
    }
  });
  return r;
}
