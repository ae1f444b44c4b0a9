import type { Issue } from '../../../shared/compiler/issue.js';
import type { GraphInput } from '../../../shared/graph/graph-schema.js';
import type {
  ApiError,
  CatalogResponse,
  CreateRunResponse,
  RunInfo,
  StopMode,
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

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
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
