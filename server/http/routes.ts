import { Router } from 'express';
import { catalogEntries } from '../../shared/catalog/catalog.js';
import { LANGUAGE_REFERENCE } from '../../shared/expr/index.js';
import type { CatalogResponse, HealthResponse, LiveRunResponse } from '../../shared/protocol/api.js';
import { VERSION } from '../../shared/version.js';
import type { Limits } from '../config.js';
import type { RunRecordings } from '../recording/run-recordings.js';
import type { SavedRecordings } from '../recording/saved-recordings.js';
import type { RunManager } from '../runs/run-manager.js';
import type { GraphStore } from '../store/graph-store.js';
import type { GraphValidator } from '../validation/graph-validator.js';
import { HttpError } from './api-error.js';
import { examplesRoutes } from './examples-routes.js';
import { fileRoutes } from './file-routes.js';
import { graphRoutes } from './graph-routes.js';
import { recordingRoutes } from './recording-routes.js';
import { runRoutes } from './run-routes.js';

export { parseBody } from './parse-body.js';

export interface ApiDeps {
  runs: RunManager;
  store: GraphStore;
  limits: Limits;
  /** Where runs' files are (`file` sinks' downloads). */
  dataDir: string;
  /** Where untrusted graph documents are parsed and compiled (off the main thread). */
  validator: GraphValidator;
  /** The flight recorder: every run's frames and events (issue 17). */
  recordings: RunRecordings;
  savedRecordings: SavedRecordings;
  /** SLUICE_CLUSTER: a saved graph's shared live run on another instance (`GET …/live-run`). */
  liveRunElsewhere?: (graphId: string) => Promise<LiveRunResponse | undefined>;
}

/** Everything under `/api`. */
export function apiRoutes({
  runs,
  store,
  limits,
  dataDir,
  validator,
  recordings,
  savedRecordings,
  liveRunElsewhere,
}: ApiDeps): Router {
  const r = Router();
  const catalog: CatalogResponse = { kinds: catalogEntries() };

  r.get('/health', (_req, res) => {
    const body: HealthResponse = { ok: true, version: VERSION };
    res.json(body);
  });

  r.get('/catalog', (_req, res) => {
    res.json(catalog);
  });

  // The expression language reference for the inspector's help and for scripts.
  r.get('/expressions/reference', (_req, res) => {
    res.json(LANGUAGE_REFERENCE);
  });

  r.use(examplesRoutes());
  r.use(graphRoutes(store, limits, validator));
  r.use(runRoutes(runs, store, limits, validator, recordings, liveRunElsewhere));
  r.use(recordingRoutes(runs, recordings, savedRecordings));
  r.use(fileRoutes(dataDir, runs));

  r.use((_req, _res) => {
    throw new HttpError(404, 'not_found', 'no such API route');
  });
  return r;
}
