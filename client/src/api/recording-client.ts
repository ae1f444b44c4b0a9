import type {
  FramesResponse,
  RecordingEvent,
  RecordingResponse,
  SaveRecordingResponse,
  TimelineResponse,
} from '../../../shared/protocol/recording-api.js';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import type { RecordedTrace, TracesResponse } from '../../../shared/protocol/trace.js';
import { isTelemetryFrame } from '../lib/telemetry-guards.js';
import { recordedTraceOf } from '../lib/trace-guards.js';
import { request, runAuth } from './api-client.js';

/** Where recorded frames come from: a run's own recording (live or ended), or a saved one. */
export type RecordingSource = { type: 'run'; runId: string } | { type: 'saved'; slug: string };

const enc = encodeURIComponent;

function base(source: RecordingSource): { url: string; headers: Record<string, string> } {
  return source.type === 'run'
    ? { url: `/api/runs/${enc(source.runId)}`, headers: runAuth(source.runId) }
    : { url: `/api/recordings/${enc(source.slug)}`, headers: {} };
}

/** Recorded data is checked as socket frames are: a malformed frame or event is dropped. */
function cleanFrames(v: unknown): TelemetryFrame[] {
  return Array.isArray(v) ? v.filter(isTelemetryFrame) : [];
}

function cleanEvents(v: unknown): RecordingEvent[] {
  if (!Array.isArray(v)) return [];
  return v.filter(
    (e): e is RecordingEvent =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as RecordingEvent).t === 'number' &&
      ((e as RecordingEvent).type === 'status' ||
        ((e as RecordingEvent).type === 'edit' && typeof (e as { summary?: unknown }).summary === 'string')),
  );
}

/**
 * One page of frames in [from, to] (ms of run time), `stepMs` apart at least when given; `next`
 * when the window holds more.
 */
export async function fetchFrames(
  source: RecordingSource,
  from: number,
  to: number,
  stepMs = 0,
): Promise<FramesResponse> {
  const { url, headers } = base(source);
  const q = new URLSearchParams({ from: String(Math.max(0, Math.floor(from))), to: String(Math.ceil(to)) });
  if (stepMs > 0) q.set('step', String(Math.round(stepMs)));
  const res = await request<FramesResponse>('GET', `${url}/frames?${q}`, undefined, headers);
  return { ...res, frames: cleanFrames(res.frames), events: cleanEvents(res.events) };
}

/** Followed items whose hops overlap [from, to] (ms of run time), cleaned. */
export async function fetchTraces(
  source: RecordingSource,
  from: number,
  to: number,
): Promise<RecordedTrace[]> {
  const { url, headers } = base(source);
  const q = new URLSearchParams({ from: String(Math.max(0, Math.floor(from))), to: String(Math.ceil(to)) });
  const res = await request<TracesResponse>('GET', `${url}/traces?${q}`, undefined, headers);
  if (!Array.isArray(res.traces)) return [];
  return res.traces.map(recordedTraceOf).filter((t): t is RecordedTrace => t !== undefined);
}

/** The whole run at a glance: queued and dropped over time, and its events. */
export async function fetchTimeline(source: RecordingSource): Promise<TimelineResponse> {
  const { url, headers } = base(source);
  const res = await request<TimelineResponse>('GET', `${url}/timeline`, undefined, headers);
  const points = Array.isArray(res.points)
    ? res.points.filter(
        (p): p is [number, number, number] => Array.isArray(p) && p.length >= 3 && p.every(Number.isFinite),
      )
    : [];
  return { ...res, points, events: cleanEvents(res.events) };
}

/** A saved recording: its graph (checked by the caller) and first page of frames. */
export async function fetchRecording(slug: string): Promise<RecordingResponse> {
  const res = await request<RecordingResponse>('GET', `/api/recordings/${enc(slug)}`);
  return { ...res, frames: cleanFrames(res.frames), events: cleanEvents(res.events) };
}

/** Keeps a run's recording for good (run owner only). */
export function saveRecording(runId: string): Promise<SaveRecordingResponse> {
  return request('POST', `/api/runs/${enc(runId)}/recording`, undefined, runAuth(runId));
}

/** Stores an exported recording file as a new saved recording. */
export function importRecording(file: unknown): Promise<SaveRecordingResponse> {
  return request('POST', '/api/recordings', file);
}

/** Where the browser downloads a saved recording as a file. */
export function exportUrl(slug: string): string {
  return `/api/recordings/${enc(slug)}/export`;
}
