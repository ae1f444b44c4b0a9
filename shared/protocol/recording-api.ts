/**
 * The flight recorder's public surface (issue 17): what `GET /api/runs/:runId/frames`,
 * `GET /api/runs/:runId/timeline`, `POST /api/runs/:runId/recording`, `GET /api/recordings/:slug`
 * and the exported recording file carry. The encoding itself is shared/recorder/.
 *
 * Times: `t` is ms since the run started, as in every telemetry frame.
 */
import type { RunError, RunStatus, TelemetryFrame } from './telemetry.js';

/** A status change of the run (`starting` → `running` → … → `completed`). */
export interface StatusEvent {
  t: number;
  type: 'status';
  status: RunStatus;
  error?: RunError;
  reason?: string;
}

/**
 * A live edit (`PATCH /api/runs/:runId/params`) as applied: who changed what, when. `by` is the
 * role that made it (`owner`, the run token: watchers cannot edit); `summary` is the sentence the
 * timeline's hover shows ("work.serviceTimeMs 2 → 5; e1.capacity 64 → 256").
 */
export interface EditEvent {
  t: number;
  type: 'edit';
  by: 'owner';
  nodes?: Record<string, Record<string, { from: unknown; to: unknown }>>;
  edges?: Record<string, Record<string, { from: unknown; to: unknown }>>;
  summary: string;
}

export type RecordingEvent = StatusEvent | EditEvent;

/** Older parts of a long recording keep fewer frames (see shared/recorder/recording.ts). */
export interface ThinnedInfo {
  /** Frames with `t` before this are thinned. */
  beforeT: number;
  /** One frame in `keepEvery` is kept there (on average). */
  keepEvery: number;
}

/**
 * `GET /api/runs/:runId/frames?from=<ms>&to=<ms>` (both optional: the whole run), and the same
 * query on `GET /api/recordings/:slug/frames`. A response holds at most a bounded number of
 * frames: when the window has more, `next` is the `from` of the following page.
 */
export interface FramesResponse {
  frames: TelemetryFrame[];
  events: RecordingEvent[];
  /** `t` of the newest frame recorded so far (the run's end once it has ended). */
  endT: number;
  /** The run has ended: the recording will not grow. */
  ended: boolean;
  thinned: ThinnedInfo | null;
  /** Present when the window held more frames than one response carries. */
  next?: number;
}

/**
 * `GET /api/runs/:runId/timeline` (and `/api/recordings/:slug/timeline`): what the timeline under
 * the canvas draws for the whole run without fetching every frame. At most ~2,000 points; each is
 * the frame at its `t` (or the last of a bucket of frames).
 */
export interface TimelineResponse {
  /** `[t, itemsQueued (sum of edge depths), dropped (run total so far)]`, oldest first. */
  points: Array<[number, number, number]>;
  events: RecordingEvent[];
  startT: number;
  endT: number;
  ended: boolean;
  thinned: ThinnedInfo | null;
  /** Telemetry rate the run was recorded at (frames per second). */
  hz: number;
}

/** `POST /api/runs/:runId/recording` (run token) and `POST /api/recordings` (an exported file). */
export interface SaveRecordingResponse {
  slug: string;
}

/**
 * `GET /api/recordings/:slug`: the saved recording, immutable. Frames are decoded; a recording
 * with more frames than one response carries answers with the first page and `next` (fetch the
 * rest from `/api/recordings/:slug/frames?from=<next>`).
 */
export interface RecordingResponse {
  slug: string;
  name: string;
  graph: unknown;
  frames: TelemetryFrame[];
  events: RecordingEvent[];
  createdAt: string;
  startT: number;
  endT: number;
  hz: number;
  thinned: ThinnedInfo | null;
  next?: number;
}
