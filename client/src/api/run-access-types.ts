import type { RunInfo } from '../../../shared/protocol/api.js';
import type { RunStatus } from '../../../shared/protocol/telemetry.js';

/*
 * Run ownership's REST shapes (issue 15), as the server's run-token routes answer them. Kept here
 * until they are in shared/protocol/api.ts on every branch.
 */

/** `PATCH /api/runs/:runId` (run token). */
export interface PatchRunRequest {
  keepRunning?: boolean;
  shareWatch?: boolean;
}

export interface PatchRunResponse {
  keepRunning: boolean;
  shareWatch: boolean;
}

/** `GET /api/graphs/:idOrSlug/live-run`. */
export interface LiveRunResponse {
  runId: string;
  watchToken: string;
  status: RunStatus;
}

/** `GET /api/runs/:runId` with a token: what the token allows, and the owner's extras. */
export interface OwnedRunInfo extends RunInfo {
  access?: 'owner' | 'watcher';
  watchToken?: string;
  /** `http-ingest` node id → its key (`Authorization: Bearer <key>` on the ingest endpoint). */
  ingestKeys?: Record<string, string>;
  keepRunning?: boolean;
  shareWatch?: boolean;
}
