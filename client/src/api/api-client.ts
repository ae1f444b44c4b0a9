import type { Issue } from '../../../shared/compiler/issue.js';
import type { GraphInput } from '../../../shared/graph/graph-schema.js';
import type {
  ApiError,
  CatalogResponse,
  ClaimGraphResponse,
  ClusterResponse,
  CreateGraphResponse,
  CreateRunResponse,
  GraphListResponse,
  GraphResponse,
  LiveRunResponse,
  RunInfo as OwnedRunInfo,
  PatchRunRequest,
  PatchRunResponse,
  RevisionListResponse,
  RevisionResponse,
  StopMode,
  UpdateGraphResponse,
} from '../../../shared/protocol/api.js';
import { tokenFor } from '../stores/run-access-store.js';

/** A REST call the server refused, carrying its JSON error body (contract.md). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiRequestError(0, 'network', 'The server cannot be reached');
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A proxy or crash page is not our JSON; fall through to the generic message.
  }
  if (!res.ok) {
    const err = (json ?? {}) as Partial<ApiError>;
    throw new ApiRequestError(
      res.status,
      err.error ?? 'http_error',
      err.message ?? `${method} ${url} failed with HTTP ${res.status}`,
      Array.isArray(err.issues) ? err.issues : [],
    );
  }
  return json as T;
}

export function fetchCatalog(): Promise<CatalogResponse> {
  return request('GET', '/api/catalog');
}

/**
 * Starts a run of a document, or of a saved revision (so its owner can publish a watch link on
 * that graph's page). `keepRunning` is sent only when set: a server without run ownership
 * refuses fields it does not know.
 */
export function createRun(
  source: { graph: GraphInput } | { graphId: string; revision: number },
  telemetryHz: number,
  keepRunning = false,
): Promise<CreateRunResponse> {
  return request('POST', '/api/runs', { ...source, telemetryHz, ...(keepRunning ? { keepRunning } : {}) });
}

/** The run's token as a header, when this browser holds one (run-access-store.ts). */
export function runAuth(runId: string): Record<string, string> {
  const token = tokenFor(runId);
  return token ? { authorization: `Bearer ${token}` } : {};
}

const enc = encodeURIComponent;

/** Saves a new graph; the answer carries the edit token, which is shown only this once. */
export function createGraph(graph: GraphInput): Promise<CreateGraphResponse> {
  return request('POST', '/api/graphs', graph);
}

/** A new immutable revision of a saved graph; needs the edit token. */
export function updateGraph(id: string, editToken: string, graph: GraphInput): Promise<UpdateGraphResponse> {
  return request('PUT', `/api/graphs/${enc(id)}`, graph, { authorization: `Bearer ${editToken}` });
}

export function fetchGraph(idOrSlug: string): Promise<GraphResponse> {
  return request('GET', `/api/graphs/${enc(idOrSlug)}`);
}

/** The graphs these edit tokens open (yours), newest first; tokens go in a header, never the URL. */
export function listGraphs(tokens: string[], cursor?: string, limit = 20): Promise<GraphListResponse> {
  const q = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  return request('GET', `/api/graphs?${q}`, undefined, { authorization: `Bearer ${tokens.join(' ')}` });
}

/** Asks whether a pasted edit token opens this graph: resolves when it does, 403 when not. */
export function claimGraph(idOrSlug: string, editToken: string): Promise<ClaimGraphResponse> {
  return request('POST', `/api/graphs/${enc(idOrSlug)}/claim`, undefined, {
    authorization: `Bearer ${editToken}`,
  });
}

export function listRevisions(idOrSlug: string): Promise<RevisionListResponse> {
  return request('GET', `/api/graphs/${enc(idOrSlug)}/revisions`);
}

export function fetchRevision(idOrSlug: string, revision: number): Promise<RevisionResponse> {
  return request('GET', `/api/graphs/${enc(idOrSlug)}/revisions/${revision}`);
}

/** Copies a graph (a given revision, or the latest) into a new one with its own edit token. */
export function forkGraph(
  idOrSlug: string,
  body: { revision?: number; name?: string } = {},
): Promise<CreateGraphResponse> {
  return request('POST', `/api/graphs/${enc(idOrSlug)}/fork`, body);
}

/** The teaching gallery (contract.md `GET /api/examples`); its shape is checked by the caller. */
export function fetchExamples(): Promise<unknown> {
  return request('GET', '/api/examples');
}

/** A run's status and totals; `token` overrides the one this browser holds (a watch link's). */
/** Distributed mode and its runners (`{ mode: 'embedded', runners: [] }` without NATS). */
export function fetchCluster(): Promise<ClusterResponse> {
  return request('GET', '/api/cluster');
}

export function fetchRun(runId: string, token?: string): Promise<OwnedRunInfo> {
  const auth = token ? { authorization: `Bearer ${token}` } : runAuth(runId);
  return request('GET', `/api/runs/${enc(runId)}`, undefined, auth);
}

export function stopRun(runId: string, mode: StopMode): Promise<{ status: string }> {
  return request('POST', `/api/runs/${enc(runId)}/stop`, { mode }, runAuth(runId));
}

export function pauseRun(runId: string): Promise<{ status: string }> {
  return request('POST', `/api/runs/${enc(runId)}/pause`, undefined, runAuth(runId));
}

export function resumeRun(runId: string): Promise<{ status: string }> {
  return request('POST', `/api/runs/${enc(runId)}/resume`, undefined, runAuth(runId));
}

/** Owner settings: keep running with no one watching; publish the watch link on the saved graph. */
export function patchRun(runId: string, patch: PatchRunRequest): Promise<PatchRunResponse> {
  return request('PATCH', `/api/runs/${enc(runId)}`, patch, runAuth(runId));
}

/** The live run of a saved graph whose owner shared its watch link (404 `no_live_run` otherwise). */
export function fetchLiveRun(idOrSlug: string): Promise<LiveRunResponse> {
  return request('GET', `/api/graphs/${enc(idOrSlug)}/live-run`);
}

/** Live parameter edits on a running graph (contract.md `PATCH /api/runs/:id/params`). */
export function patchRunParams(
  runId: string,
  patch: { nodes?: Record<string, Record<string, unknown>>; edges?: Record<string, Record<string, unknown>> },
): Promise<{ applied: unknown }> {
  return request('PATCH', `/api/runs/${enc(runId)}/params`, patch, runAuth(runId));
}
