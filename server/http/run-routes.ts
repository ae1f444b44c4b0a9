import { type Request, Router } from 'express';
import type {
  CreateRunResponse,
  LiveRunResponse,
  PatchRunParamsResponse,
  PatchRunResponse,
  RunInfo,
} from '../../shared/protocol/api.js';
import {
  createRunRequestSchema,
  patchRunParamsRequestSchema,
  patchRunRequestSchema,
  stopRunRequestSchema,
} from '../../shared/protocol/api.js';
import { tapRequestSchema } from '../../shared/protocol/queue-inspect.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import { traceRequestSchema } from '../../shared/protocol/trace-request.js';
import type { Limits } from '../config.js';
import { editEvent, paramsBefore } from '../recording/edit-event.js';
import type { RunRecordings } from '../recording/run-recordings.js';
import type { RunManager } from '../runs/run-manager.js';
import type { GraphStore } from '../store/graph-store.js';
import type { GraphValidator } from '../validation/graph-validator.js';
import { HttpError } from './api-error.js';
import { bearerOf } from './bearer.js';
import { applyLiveEdit } from './live-edit.js';
import { parseBody } from './parse-body.js';

/**
 * Starting, controlling and live-editing runs. Starting one returns its run token (control) and
 * watch token (read-only); every other route here needs one of them as `Authorization: Bearer`.
 */
export function runRoutes(
  runs: RunManager,
  store: GraphStore,
  limits: Limits,
  validator: GraphValidator,
  recordings?: RunRecordings,
  /** SLUICE_CLUSTER: the live run another instance coordinates for a saved graph, if any. */
  liveRunElsewhere?: (graphId: string) => Promise<LiveRunResponse | undefined>,
): Router {
  const r = Router();
  const owned = (req: Request) => runs.authorize(String(req.params.runId), bearerOf(req), 'control').run;

  r.post('/runs', async (req, res) => {
    const body = parseBody(createRunRequestSchema, req.body);
    let graph = body.graph;
    let graphId: string | undefined;
    if (body.graphId !== undefined) {
      // Saved graphs were checked when saved; limits may have tightened since, so check again.
      const saved = await store.find(body.graphId);
      const doc =
        saved &&
        (body.revision === undefined ? saved.graph : (await store.revision(saved.id, body.revision))?.graph);
      if (doc === undefined) {
        const what = body.revision === undefined ? '' : ` revision ${body.revision}`;
        throw new HttpError(404, 'not_found', `no saved graph "${body.graphId}"${what}`);
      }
      graph = doc;
      graphId = saved?.id;
    }
    // Import limits and the whole compile run in the validation thread; the plan comes back.
    const compiled = await validator.compileForRun(graph, limits);
    const run = runs.start(graph, body.telemetryHz, compiled, {
      keepRunning: body.keepRunning,
      fuse: body.fuse,
      ...(graphId === undefined ? {} : { graphId }),
    });
    const access = runs.accessOf(run.runId)!;
    const out: CreateRunResponse = {
      runId: run.runId,
      runToken: access.runToken,
      watchToken: access.watchToken,
    };
    res.status(201).json(out);
  });

  r.get('/runs/:runId', (req, res) => {
    const { role } = runs.authorize(req.params.runId, bearerOf(req), 'read');
    const out: RunInfo = { ...runs.info(req.params.runId), access: role };
    if (role === 'owner') Object.assign(out, runs.ownerInfo(req.params.runId));
    res.json(out);
  });

  r.patch('/runs/:runId', (req, res) => {
    owned(req);
    const change = parseBody(patchRunRequestSchema, req.body);
    const out: PatchRunResponse = runs.configure(req.params.runId, change);
    res.json(out);
  });

  // Under /graphs, but about runs: what a shared watch link of a saved graph points at now.
  r.get('/graphs/:idOrSlug/live-run', async (req, res) => {
    const saved = await store.find(req.params.idOrSlug);
    const live = saved && (runs.liveRunOf(saved.id) ?? (await liveRunElsewhere?.(saved.id)));
    if (!live) {
      throw new HttpError(
        404,
        'no_live_run',
        `no run of "${req.params.idOrSlug}" is live with a shared watch link`,
      );
    }
    const out: LiveRunResponse = live;
    res.json(out);
  });

  r.post('/runs/:runId/stop', (req, res) => {
    const run = owned(req);
    const { mode } = parseBody(stopRunRequestSchema, req.body);
    run.stop(mode);
    res.status(202).json({ status: run.status });
  });

  r.post('/runs/:runId/pause', (req, res) => {
    const run = owned(req);
    if (!run.pause()) throw new HttpError(409, 'conflict', `run is ${run.status}, not running`);
    res.status(202).json({ status: run.status });
  });

  r.post('/runs/:runId/resume', (req, res) => {
    const run = owned(req);
    if (!run.resume()) throw new HttpError(409, 'conflict', `run is ${run.status}, not paused`);
    res.status(202).json({ status: run.status });
  });

  // Following items is reading, not control: a watch token may do it (the trace count is bounded).
  const read = (req: Request) => runs.authorize(String(req.params.runId), bearerOf(req), 'read').run;

  r.post('/runs/:runId/trace', (req, res) => {
    const run = read(req);
    const body = parseBody(traceRequestSchema, req.body);
    res.status(201).json(runs.trace(run.runId, body));
  });

  r.get('/runs/:runId/traces/:traceId', (req, res) => {
    const run = read(req);
    res.json(runs.traceDetail(run.runId, req.params.traceId));
  });

  r.get('/runs/:runId/edges/:edgeId/drops', async (req, res) => {
    const run = read(req);
    res.json(await runs.drops(run.runId, req.params.edgeId));
  });

  // Listing a queue is reading (bounded: at most 2 × 100 items cut for display); emptying it is control.
  r.get('/runs/:runId/edges/:edgeId/items', async (req, res) => {
    const run = read(req);
    res.json(await runs.queueItems(run.runId, req.params.edgeId));
  });

  r.post('/runs/:runId/edges/:edgeId/empty', async (req, res) => {
    const run = owned(req);
    res.json(await runs.emptyQueue(run.runId, req.params.edgeId));
  });

  // A tap is reading what flows (bounded in rate and count per run): a watch token may do it.
  r.post('/runs/:runId/edges/:edgeId/tap', (req, res) => {
    const run = read(req);
    const { on } = parseBody(tapRequestSchema, req.body);
    res.json(runs.tap(run.runId, req.params.edgeId, on));
  });

  r.patch('/runs/:runId/params', (req, res) => {
    const run = owned(req);
    const patch = parseBody(patchRunParamsRequestSchema, req.body);
    const plan = runs.planOf(run.runId);
    if (!plan || isFinished(run.status)) {
      throw new HttpError(409, 'conflict', `run is ${run.status}; only a live run can be edited`);
    }
    const before = paramsBefore(plan, patch);
    const out: PatchRunParamsResponse = { applied: applyLiveEdit(run, plan, patch, limits) };
    recordings?.recordEdit(run.runId, editEvent(before, out.applied));
    res.json(out);
  });

  return r;
}
