import type { Bottleneck } from '../../../shared/analysis/bottleneck.js';
import { namesOf } from '../../../shared/analysis/node-names.js';
import { withSourceRates } from '../../../shared/analysis/source-peak.js';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { fetchFrames, fetchTimeline, type RecordingSource } from '../api/recording-client.js';
import { PAGE_MS, pageOf } from '../lib/frame-cache.js';
import { advanceCursor, JUDGED_OVER_MS, linkedTime, pastBottlenecks } from '../lib/replay-cursor.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { recordedFrames, timelinePoints, useTimelineStore } from '../stores/timeline-store.js';
import { resetReplayTraces, tracesForCursor } from './replay-traces.js';

/** The timeline endpoint is asked again this often while the run goes (ms). */
const REFRESH_MS = 2_000;
/** While playing, the next window is fetched when the cursor is this close to its start. */
const PREFETCH_MS = 3_000;

let refreshTimer: ReturnType<typeof setInterval> | null = null;
let raf: number | null = null;
const inFlight = new Set<number>();
/** Bumped per timeline: answers for an earlier run or recording are dropped. */
let generation = 0;

const timeline = () => useTimelineStore.getState();
const sameSource = (gen: number) => gen === generation && timeline().source !== null;

/**
 * Starts the timeline of a run or saved recording: its history from the server (the sparkline,
 * events) and, for a run still going, again every REFRESH_MS. A `?t=` in the address opens at
 * that instant once.
 */
export function beginTimeline(source: RecordingSource, ended = false): void {
  stopTimers();
  timeline().reset();
  resetReplayTraces();
  generation += 1;
  timeline().set({ source, ended });
  const gen = generation;
  // A link to an instant opens there at once; its window is fetched like any other.
  const at = linkedTime(window.location.search);
  if (at !== null) seek(at);
  void refreshTimeline(gen);
  if (!ended) refreshTimer = setInterval(() => void refreshTimeline(gen), REFRESH_MS);
}

/** Forgets the timeline (another graph opened). */
export function endTimeline(): void {
  stopTimers();
  generation += 1;
  timeline().reset();
  resetReplayTraces();
}

function stopTimers(): void {
  if (refreshTimer !== null) clearInterval(refreshTimer);
  refreshTimer = null;
  if (raf !== null) cancelAnimationFrame(raf);
  raf = null;
  inFlight.clear();
}

async function refreshTimeline(gen: number): Promise<void> {
  const source = timeline().source;
  if (!source || gen !== generation) {
    // The timeline was reset (another graph opened): nothing to refresh any more.
    if (gen === generation) stopRefresh();
    return;
  }
  try {
    const res = await fetchTimeline(source);
    if (!sameSource(gen)) return;
    timelinePoints.setServer(res.points);
    const s = timeline();
    s.set({
      events: res.events,
      startT: res.startT,
      endT: Math.max(s.endT, res.endT),
      ended: s.ended || res.ended,
      thinned: res.thinned,
      pointsVersion: s.pointsVersion + 1,
      error: null,
    });
    if (res.ended) stopRefresh();
  } catch (err) {
    if (sameSource(gen)) timeline().set({ error: err instanceof Error ? err.message : String(err) });
  }
}

function stopRefresh(): void {
  if (refreshTimer !== null) clearInterval(refreshTimer);
  refreshTimer = null;
}

/** A live frame of the timeline's run: into the cache, the sparkline and the running edge. */
export function noteLiveFrame(frame: TelemetryFrame): void {
  const s = timeline();
  if (s.source?.type !== 'run' || s.source.runId !== frame.runId) return;
  recordedFrames.addLive(frame);
  let queued = 0;
  for (const id in frame.edges) queued += frame.edges[id]!.depth;
  timelinePoints.append([frame.t, queued, frame.totals?.dropped ?? 0]);
  s.set({ endT: Math.max(s.endT, frame.t), pointsVersion: s.pointsVersion + 1 });
}

/** The run ended: the recording will not grow; one last refresh picks up its end. */
export function noteRunEnded(runId: string): void {
  const s = timeline();
  if (s.source?.type !== 'run' || s.source.runId !== runId) return;
  stopRefresh();
  const gen = generation;
  void refreshTimeline(gen).then(() => {
    if (sameSource(gen)) timeline().set({ ended: true });
  });
}

/** Puts the canvas at `t` (ms of run time); the window holding it is fetched when missing. */
export function seek(t: number): void {
  const s = timeline();
  if (!s.source) return;
  // Not past the newest frame, once it is known (a link may name a time before it is). Kept to the
  // microsecond, as links are: a followed item's hops can be under a millisecond apart, and a
  // cursor rounded to the millisecond drew it on the next queue instead of at the worker.
  const clamped = s.endT > 0 ? Math.min(t, s.endT) : t;
  const at = Math.max(0, Math.round(clamped * 1000) / 1000);
  s.set({ cursorT: at });
  showAt(at);
}

/** Back to the newest frame; a saved recording has no live edge: its end. */
export function goLive(): void {
  const s = timeline();
  pause();
  if (s.source?.type === 'saved' || s.ended) {
    seek(s.endT);
    return;
  }
  s.set({ cursorT: null, loading: false });
  useTelemetryStore.getState().showLive();
}

function showAt(t: number): void {
  tracesForCursor(t);
  const frame = recordedFrames.frameAt(t);
  if (frame === undefined) {
    timeline().set({ loading: true });
    void loadPage(pageOf(t));
    return;
  }
  if (timeline().loading) timeline().set({ loading: false });
  const shown = useTelemetryStore.getState();
  // Playing at 0.1× or dragging slowly lands on the same frame many times: nothing to redraw.
  if (shown.past && shown.frame === frame) return;
  useTelemetryStore.getState().showPast(frame, frame ? bottlenecksOf(frame) : {});
}

/** Each shown frame's marks, judged once per graph (dragging back and forth passes frames again). */
let judged = new WeakMap<TelemetryFrame, Record<string, Bottleneck>>();
let judgedGraph: { edges: unknown; nodes: unknown } = { edges: null, nodes: null };

function bottlenecksOf(frame: TelemetryFrame): Record<string, Bottleneck> {
  const { edges, nodes } = useGraphStore.getState();
  // Other edges judge differently, other labels name the nodes differently.
  if (edges !== judgedGraph.edges || nodes !== judgedGraph.nodes) {
    judged = new WeakMap();
    judgedGraph = { edges, nodes };
  }
  let marks = judged.get(frame);
  if (!marks) {
    const leading = recordedFrames.framesBetween(frame.t - JUDGED_OVER_MS, frame.t);
    marks = pastBottlenecks(leading, withSourceRates(edges, nodes), namesOf(nodes));
    judged.set(frame, marks);
  }
  return marks;
}

/** Fetches one window (following `next` pages), then shows the cursor again if it is in it. */
async function loadPage(index: number): Promise<void> {
  const source = timeline().source;
  if (!source || inFlight.has(index)) return;
  inFlight.add(index);
  const gen = generation;
  const start = index * PAGE_MS;
  const end = start + PAGE_MS - 1;
  try {
    const frames: TelemetryFrame[] = [];
    let from = start;
    let upTo = start;
    for (let pages = 0; pages < 50; pages++) {
      const res = await fetchFrames(source, from, end);
      if (!sameSource(gen)) return;
      frames.push(...res.frames);
      upTo = res.endT;
      if (res.next === undefined || res.next <= from) break;
      from = res.next;
    }
    recordedFrames.putPage(index, frames, upTo);
    const cursor = timeline().cursorT;
    if (cursor !== null && pageOf(cursor) === index) showAt(cursor);
  } catch (err) {
    if (sameSource(gen))
      timeline().set({ loading: false, error: err instanceof Error ? err.message : String(err) });
  } finally {
    if (gen === generation) inFlight.delete(index);
  }
}

/** One frame back or forward from what is shown (from live: the frame before the newest). */
export function stepFrame(dir: -1 | 1): void {
  const s = timeline();
  if (!s.source) return;
  pause();
  const from = s.cursorT ?? useTelemetryStore.getState().liveFrame?.t ?? s.endT;
  const next = recordedFrames.step(from, dir);
  if (next) seek(next.t);
  else if (dir === -1) seek(Math.max(0, from - 100));
  else if (s.cursorT !== null) seek(Math.min(s.endT, from + 100));
}

export function setSpeed(speed: number): void {
  timeline().set({ speed });
}

export function pause(): void {
  if (raf !== null) cancelAnimationFrame(raf);
  raf = null;
  if (timeline().playing) timeline().set({ playing: false });
}

/** Plays from the cursor (from the start when it is live or at the end) at the chosen speed. */
export function play(): void {
  const s = timeline();
  if (!s.source) return;
  const from = s.cursorT === null || s.cursorT >= s.endT ? s.startT : s.cursorT;
  seek(from);
  timeline().set({ playing: true });
  let last = performance.now();
  const tick = (now: number) => {
    const t = timeline();
    if (!t.playing || t.cursorT === null) return;
    const dt = now - last;
    last = now;
    // Waiting for the window to arrive: the cursor waits too rather than skip what it missed.
    if (!t.loading) {
      const next = advanceCursor(t.cursorT, dt, t.speed, t.endT);
      if (next.atEnd) {
        if (t.source?.type === 'run' && !t.ended) goLive();
        else {
          seek(t.endT);
          pause();
        }
        return;
      }
      seek(next.t);
      const ahead = next.t + PREFETCH_MS;
      if (ahead < t.endT && !recordedFrames.covers(ahead)) void loadPage(pageOf(ahead));
    }
    raf = requestAnimationFrame(tick);
  };
  if (raf !== null) cancelAnimationFrame(raf);
  raf = requestAnimationFrame(tick);
}

export function togglePlay(): void {
  if (timeline().playing) pause();
  else play();
}

/** Plays the run from its start at `speed` (a lesson's slow replay). */
export function replayFromStart(speed: number): void {
  setSpeed(speed);
  seek(timeline().startT);
  play();
}
