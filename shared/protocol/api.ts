import { z } from 'zod';
import type { CatalogEntry } from '../catalog/catalog.js';
import type { Issue } from '../compiler/issue.js';
import type { RunError, RunStatus, RunTotals } from './telemetry.js';

/** Every REST error body. */
export interface ApiError {
  error: string;
  message: string;
  issues?: Issue[];
}

export const createRunRequestSchema = z
  .object({
    graph: z.unknown().optional(),
    graphId: z.string().min(1).max(64).optional(),
    revision: z.number().int().min(1).optional(),
    telemetryHz: z.number().min(1).max(30).default(10),
  })
  .strict()
  .refine((b) => (b.graph === undefined) !== (b.graphId === undefined), {
    message: 'give either "graph" or "graphId"',
  });
export type CreateRunRequest = z.input<typeof createRunRequestSchema>;

export const stopRunRequestSchema = z.object({ mode: z.enum(['abort', 'drain']).default('abort') }).strict();
export type StopMode = z.output<typeof stopRunRequestSchema>['mode'];

export const subscribePayloadSchema = z.object({ runId: z.string().min(1).max(64) }).strict();

export interface CreateRunResponse {
  runId: string;
}

export interface RunInfo {
  runId: string;
  status: RunStatus;
  startedAt: string;
  endedAt?: string;
  error?: RunError;
  totals: RunTotals;
}

export interface CatalogResponse {
  kinds: CatalogEntry[];
}

export interface HealthResponse {
  ok: true;
  version: string;
}
