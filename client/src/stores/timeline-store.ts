import { create } from 'zustand';
import type { RecordingEvent, ThinnedInfo } from '../../../shared/protocol/recording-api.js';
import type { RecordingSource } from '../api/recording-client.js';
import { FrameCache } from '../lib/frame-cache.js';
import { TimelinePoints } from '../lib/timeline-points.js';

/**
 * The time cursor over a run's recording (issue 17): `cursorT` null is live (the canvas shows
 * the newest frame); a number puts the canvas at that instant (ms of run time) while live frames
 * keep arriving into the telemetry store's `liveFrame` and the timeline keeps growing.
 * Frames and sparkline points live outside React (below): only the cursor, the run's end and a
 * points version are state.
 */
interface TimelineState {
  /** Where recorded frames come from; null when there is nothing to scrub. */
  source: RecordingSource | null;
  cursorT: number | null;
  playing: boolean;
  speed: number;
  startT: number;
  /** Newest recorded time: the run's running edge, or its end. */
  endT: number;
  /** The recording will not grow (the run ended, or a saved recording). */
  ended: boolean;
  events: RecordingEvent[];
  thinned: ThinnedInfo | null;
  /** Bumped when the sparkline's points change (drawn imperatively). */
  pointsVersion: number;
  /** The frame at the cursor is being fetched. */
  loading: boolean;
  /** Why the history could not be loaded, in words. */
  error: string | null;
  /** "Save recording" is in flight. */
  saving: boolean;
  /** The slug the run's recording was saved under (this page's run). */
  savedSlug: string | null;
  set: (patch: Partial<Omit<TimelineState, 'set' | 'reset'>>) => void;
  reset: () => void;
}

const EMPTY = {
  source: null,
  cursorT: null,
  playing: false,
  speed: 1,
  startT: 0,
  endT: 0,
  ended: false,
  events: [],
  thinned: null,
  pointsVersion: 0,
  loading: false,
  error: null,
  saving: false,
  savedSlug: null,
};

export const useTimelineStore = create<TimelineState>()((set) => ({
  ...EMPTY,
  set: (patch) => set(patch),
  reset: () => {
    recordedFrames.clear();
    timelinePoints.clear();
    set((s) => ({ ...EMPTY, speed: s.speed, pointsVersion: s.pointsVersion + 1 }));
  },
}));

/** Recorded frames held around the cursor (bounded, see frame-cache.ts). */
export const recordedFrames = new FrameCache();
/** The sparkline's points over the whole run (bounded, see timeline-points.ts). */
export const timelinePoints = new TimelinePoints();

/** The canvas shows the past: a cursor is set. */
export function useScrubbed(): boolean {
  return useTimelineStore((s) => s.cursorT !== null);
}
