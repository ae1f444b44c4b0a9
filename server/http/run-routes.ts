import { Router } from 'express';
import type { CreateRunResponse, PatchRunParamsResponse } from '../../shared/protocol/api.js';
import {
  createRunRequestSchema,
  patchRunParamsRequestSchema,
  stopRunRequestSchema,
} from '../../shared/protocol/api.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import type { Limits } from '../config.js';
import type { RunManager } from '../runs/run-manager.js';
import type { GraphStore } from '../store/graph-store.js';
import type { GraphValidator } from '../validation/graph-validator.js';
import { HttpError } from './api-error.js';
import { applyLiveEdit } from './live-edit.js';
import { parseBody } from './parse-body.js';

/** Starting, controlling and live-editing runs. */
export function runRoutes(
  runs: RunManager,
  store: GraphStore,
  limits: Limits,
  validator: GraphValidator,
): Router {
  const r = Router();

  r.post('/runs', async (req, res) => {
    const body = parseBody(createRunRequestSchema, req.body);
    let graph = body.graph;
    if (body.graphId !== undefined) {
      // Saved graphs were checked when saved; limits may have tightened since, so check again.
      const saved = store.find(body.graphId);
      const doc =
        saved && (body.revision === undefined ? saved.graph : store.revision(saved.id, body.revision)?.graph);
      if (doc === undefined) {
        const what = body.revision === undefined ? '' : ` revision ${body.revision}`;
        throw new HttpError(404, 'not_found', `no saved graph "${body.graphId}"${what}`);
      }
      graph = doc;
    }
    // Import limits and the whole compile run in the validation thread; the plan comes back.
    const compiled = await validator.compileForRun(graph, limits);
    const run = runs.start(graph, body.telemetryHz, compiled);
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

  r.patch('/runs/:runId/params', (req, res) => {
    const patch = parseBody(patchRunParamsRequestSchema, req.body);
    const run = runs.require(req.params.runId);
    const plan = runs.planOf(run.runId);
    if (!plan || isFinished(run.status)) {
      throw new HttpError(409, 'conflict', `run is ${run.status}; only a live run can be edited`);
    }
    const out: PatchRunParamsResponse = { applied: applyLiveEdit(run, plan, patch, limits) };
    res.json(out);
  });

  return r;
}
