import type { Issue } from '../../../shared/compiler/issue.js';
import type { GraphInput } from '../../../shared/graph/graph-schema.js';
import type {
  ApiError,
  CatalogResponse,
  ClaimGraphResponse,
  CreateGraphResponse,
  CreateRunResponse,
  GraphListResponse,
  GraphResponse,
  RevisionListResponse,
  RevisionResponse,
  RunInfo,
  StopMode,
  UpdateGraphResponse,
} from '../../../shared/protocol/api.js';

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

async function request<T>(
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

export function createRun(graph: GraphInput, telemetryHz: number): Promise<CreateRunResponse> {
  return request('POST', '/api/runs', { graph, telemetryHz });
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

export function fetchRun(runId: string): Promise<RunInfo> {
  return request('GET', `/api/runs/${encodeURIComponent(runId)}`);
}

export function stopRun(runId: string, mode: StopMode): Promise<{ status: string }> {
  return request('POST', `/api/runs/${encodeURIComponent(runId)}/stop`, { mode });
}

export function pauseRun(runId: string): Promise<{ status: string }> {
  return request('POST', `/api/runs/${encodeURIComponent(runId)}/pause`);
}

export function resumeRun(runId: string): Promise<{ status: string }> {
  return request('POST', `/api/runs/${encodeURIComponent(runId)}/resume`);
}

/** Live parameter edits on a running graph (contract.md `PATCH /api/runs/:id/params`). */
export function patchRunParams(
  runId: string,
  patch: { nodes?: Record<string, Record<string, unknown>>; edges?: Record<string, Record<string, unknown>> },
): Promise<{ applied: unknown }> {
  return request('PATCH', `/api/runs/${encodeURIComponent(runId)}/params`, patch);
}
