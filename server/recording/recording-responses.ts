/**
 * The bodies of the recording routes, for a run's recording and a saved one alike: a page of
 * frames (bounded in frames and in bytes, with `next`) and the timeline (bounded in points).
 */
import type {
  FramesResponse,
  RecordingEvent,
  TimelineResponse,
} from '../../shared/protocol/recording-api.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { bucketPoints } from '../../shared/recorder/timeline.js';
import { HttpError } from '../http/api-error.js';
import type { RecordingView } from './run-recordings.js';

/** Frames per response at most… */
export const MAX_PAGE_FRAMES = 600;
/** …and about this many bytes of JSON (a 500-node frame is ~150 kB: ~27 of them). */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/** `from` / `to` of a query: optional numbers (ms); 400 naming the field otherwise. */
export function windowOf(query: Record<string, unknown>): { from: number; to: number } {
  const read = (field: 'from' | 'to', fallback: number): number => {
    const raw = query[field];
    if (raw === undefined) return fallback;
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(n))
      throw new HttpError(400, 'invalid_request', `${field} must be a number of ms since the run started`, [
        { path: field, message: `must be a number (ms), got ${JSON.stringify(raw)}` },
      ]);
    return n;
  };
  const from = read('from', Number.NEGATIVE_INFINITY);
  const to = read('to', Number.POSITIVE_INFINITY);
  if (to < from)
    throw new HttpError(400, 'invalid_request', 'to is before from', [
      { path: 'to', message: `must be at least from (${from})` },
    ]);
  return { from, to };
}

/** `step` of a query: optional ms between frames kept (0 = every frame); 400 naming it otherwise. */
export function stepOf(query: Record<string, unknown>): number {
  const raw = query.step;
  if (raw === undefined) return 0;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n) || n < 0 || n > MAX_STEP_MS)
    throw new HttpError(400, 'invalid_request', `step must be ms between frames, 0–${MAX_STEP_MS}`, [
      { path: 'step', message: `must be a number from 0 to ${MAX_STEP_MS} (ms), got ${JSON.stringify(raw)}` },
    ]);
  return n;
}

/** A day: a larger step would keep one frame of any run. */
const MAX_STEP_MS = 86_400_000;

const thinnedOf = (view: RecordingView) => view.rec.thinned;

/**
 * The frames with from ≤ t ≤ to (the first page of them; with `stepMs`, one at least that far
 * after the one before) and the events over that page.
 */
export function framesPage(view: RecordingView, from: number, to: number, stepMs = 0): FramesResponse {
  const { rec } = view;
  const first = rec.framesBetween(from, to, 1)[0];
  let frames: TelemetryFrame[] = [];
  let next: number | undefined;
  if (first !== undefined) {
    const perFrame = JSON.stringify(first).length;
    const limit = Math.max(1, Math.min(MAX_PAGE_FRAMES, Math.floor(MAX_PAGE_BYTES / perFrame)));
    frames = rec.framesBetween(from, to, limit + 1, stepMs);
    if (frames.length > limit) {
      next = (frames[limit] as TelemetryFrame).t;
      // Frames sharing `next`'s t all go to the next page (it starts at from = next).
      const cut = frames.findIndex((f) => f.t >= (next as number));
      if (cut > 0) frames = frames.slice(0, cut);
      else {
        frames = frames.slice(0, limit + 1);
        next += 0.001; // every frame of the page has the same t: never expected, but go on
      }
    }
  }
  const events = rec
    .eventsBetween(from, to)
    .filter((e) => next === undefined || e.t < next) as unknown as RecordingEvent[];
  const out: FramesResponse = { frames, events, endT: rec.endT, ended: view.ended, thinned: thinnedOf(view) };
  if (next !== undefined) out.next = next;
  return out;
}

export function timelineResponse(view: RecordingView): TimelineResponse {
  const { rec } = view;
  const points = bucketPoints(view.timeline);
  return {
    points,
    events: rec.eventsBetween(
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ) as unknown as RecordingEvent[],
    startT: points[0]?.[0] ?? rec.startT,
    endT: rec.endT,
    ended: view.ended,
    thinned: thinnedOf(view),
    hz: view.hz,
  };
}
