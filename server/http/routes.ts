import { Router } from 'express';
import type { z } from 'zod';
import { catalogEntries } from '../../shared/catalog/catalog.js';
import { zodIssues } from '../../shared/compiler/parse-document.js';
import type { CatalogResponse, CreateRunResponse, HealthResponse } from '../../shared/protocol/api.js';
import { createRunRequestSchema, stopRunRequestSchema } from '../../shared/protocol/api.js';
import { VERSION } from '../../shared/version.js';
import type { RunManager } from '../runs/run-manager.js';
import { HttpError } from './api-error.js';

/** Parses a request body with a shared schema; a mismatch is a 400 naming the fields. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new HttpError(
      400,
      'invalid_request',
      'the request body is not valid',
      zodIssues(parsed.error, body),
    );
  }
  return parsed.data;
}

export function apiRoutes(runs: RunManager): Router {
  const r = Router();
  const catalog: CatalogResponse = { kinds: catalogEntries() };

  r.get('/health', (_req, res) => {
    const body: HealthResponse = { ok: true, version: VERSION };
    res.json(body);
  });

  r.get('/catalog', (_req, res) => {
    res.json(catalog);
  });

  r.post('/runs', (req, res) => {
    const body = parseBody(createRunRequestSchema, req.body);
    if (body.graph === undefined) {
      throw new HttpError(
        400,
        'invalid_request',
        'starting a run from a saved graph is not available yet: send "graph"',
      );
    }
    const run = runs.start(body.graph, body.telemetryHz);
    const out: CreateRunResponse = { runId: run.runId };
    res.status(201).json(out);
  });

  r.get('/runs/:runId', (req, res) => {
    res.json(runs.info(req.params.runId));
  });

  r.post('/runs/:runId/stop', (req, res) => {
    const { mode } = parseBody(stopRunRequestSchema, req.body);
    const run = runs.require(req.params.runId);
    run.stop(mode);
    res.status(202).json({ status: run.status });
  });

  r.post('/runs/:runId/pause', (req, res) => {
    const run = runs.require(req.params.runId);
    if (!run.pause()) throw new HttpError(409, 'conflict', `run is ${run.status}, not running`);
    res.status(202).json({ status: run.status });
  });

  r.post('/runs/:runId/resume', (req, res) => {
    const run = runs.require(req.params.runId);
    if (!run.resume()) throw new HttpError(409, 'conflict', `run is ${run.status}, not paused`);
    res.status(202).json({ status: run.status });
  });

  r.use((_req, _res) => {
    throw new HttpError(404, 'not_found', 'no such API route');
  });
  return r;
}
