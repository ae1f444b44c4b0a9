import { memo, useCallback, useEffect, useRef } from 'react';
import type { RecordingEvent } from '../../../shared/protocol/recording-api.js';
import { seek, stepFrame } from '../actions/replay.js';
import { formatSeconds } from '../lib/replay-cursor.js';
import type { TimelinePoint } from '../lib/timeline-points.js';
import { timelinePoints, useTimelineStore } from '../stores/timeline-store.js';

const QUEUED = '#22d3ee';
const DROPPED = '#f87171';

/** The span the track shows: the whole run, at least a second. */
const span = (startT: number, endT: number) => Math.max(1_000, endT - startT);

/** The canvas's CSS size, as its ResizeObserver last saw it. */
interface Size {
  w: number;
  h: number;
}

/**
 * Draws queued (filled) and dropped so far (line) over the whole run, each on its own scale:
 * the shape matters here, the numbers are on the canvas. The size comes from the resize
 * observer, never from `clientWidth`: reading it here (10 times a second, before the overlays
 * render) forced a layout of the whole page each time, 45 ms at 500 nodes.
 */
function drawSparkline(
  canvas: HTMLCanvasElement,
  { w, h }: Size,
  points: readonly TimelinePoint[],
  startT: number,
  endT: number,
) {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  if (points.length === 0) return;
  const total = span(startT, endT);
  const x = (t: number) => ((t - startT) / total) * w;
  let maxQ = 1;
  let maxD = 1;
  for (const p of points) {
    if (p[1] > maxQ) maxQ = p[1];
    if (p[2] > maxD) maxD = p[2];
  }
  const top = 3;
  const usable = h - top - 1;
  ctx.beginPath();
  ctx.moveTo(x(points[0]![0]), h);
  for (const p of points) ctx.lineTo(x(p[0]), h - 1 - (p[1] / maxQ) * usable);
  ctx.lineTo(x(points.at(-1)![0]), h);
  ctx.closePath();
  ctx.fillStyle = 'rgba(34, 211, 238, 0.22)';
  ctx.fill();
  ctx.strokeStyle = QUEUED;
  ctx.lineWidth = 1.2;
  ctx.stroke();
  if (points.at(-1)![2] > 0) {
    ctx.beginPath();
    points.forEach((p, i) => {
      const y = h - 1 - (p[2] / maxD) * usable;
      if (i === 0) ctx.moveTo(x(p[0]), y);
      else ctx.lineTo(x(p[0]), y);
    });
    ctx.strokeStyle = DROPPED;
    ctx.lineWidth = 1.2;
    ctx.stroke();
  }
}

const eventTitle = (e: RecordingEvent) =>
  `${formatSeconds(e.t)}: ${e.type === 'edit' ? `edited ${e.summary}` : `run ${e.status}${e.reason ? ` (${e.reason})` : ''}`}`;

/** Status changes and live edits along the track; hovering one says what happened. */
const Markers = memo(function Markers({
  events,
  startT,
  endT,
}: {
  events: RecordingEvent[];
  startT: number;
  endT: number;
}) {
  const total = span(startT, endT);
  return (
    <>
      {events.map((e, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: events never reorder; two may share a time
          key={i}
          className={`timeline__marker timeline__marker--${e.type}`}
          data-testid={`timeline-marker-${e.type}`}
          style={{ left: `${Math.min(100, ((e.t - startT) / total) * 100)}%` }}
          title={eventTitle(e)}
        />
      ))}
    </>
  );
});

/** The scrubbable track: sparkline, event markers and the cursor (mouse, touch, ← / →). */
export function TimelineTrack() {
  const startT = useTimelineStore((s) => s.startT);
  const endT = useTimelineStore((s) => s.endT);
  const cursorT = useTimelineStore((s) => s.cursorT);
  const events = useTimelineStore((s) => s.events);
  const version = useTimelineStore((s) => s.pointsVersion);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useRef<Size | null>(null);
  const track = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version says the points changed
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const id = requestAnimationFrame(() => {
      if (size.current) drawSparkline(el, size.current, timelinePoints.read(), startT, endT);
    });
    return () => cancelAnimationFrame(id);
  }, [version, startT, endT]);

  // The observer reports the first size too, so the first draw happens here at the latest.
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      size.current = { w: entry.contentRect.width, h: entry.contentRect.height };
      const s = useTimelineStore.getState();
      drawSparkline(el, size.current, timelinePoints.read(), s.startT, s.endT);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A drag reports more moves than the screen shows frames: one seek per animation frame.
  const pendingX = useRef<number | null>(null);
  const seekAt = useCallback((clientX: number) => {
    const first = pendingX.current === null;
    pendingX.current = clientX;
    if (!first) return;
    requestAnimationFrame(() => {
      const x = pendingX.current;
      pendingX.current = null;
      const el = track.current;
      if (x === null || !el) return;
      const box = el.getBoundingClientRect();
      const s = useTimelineStore.getState();
      const f = Math.min(1, Math.max(0, (x - box.left) / Math.max(1, box.width)));
      seek(s.startT + f * span(s.startT, s.endT));
    });
  }, []);

  const shown = cursorT ?? endT;
  const pct = Math.min(100, Math.max(0, ((shown - startT) / span(startT, endT)) * 100));
  return (
    <div
      ref={track}
      className="timeline__track"
      data-testid="timeline-track"
      role="slider"
      tabIndex={0}
      aria-label="Run time: drag to put the canvas at that instant, ← / → step one frame"
      aria-valuemin={startT / 1000}
      aria-valuemax={endT / 1000}
      aria-valuenow={shown / 1000}
      aria-valuetext={formatSeconds(shown)}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        dragging.current = true;
        seekAt(e.clientX);
      }}
      onPointerMove={(e) => {
        if (dragging.current) seekAt(e.clientX);
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        e.stopPropagation();
        stepFrame(e.key === 'ArrowLeft' ? -1 : 1);
      }}
    >
      <canvas ref={canvas} className="timeline__spark" />
      <Markers events={events} startT={startT} endT={endT} />
      <div
        className={`timeline__cursor${cursorT === null ? ' is-live' : ''}`}
        data-testid="timeline-cursor"
        style={{ left: `${pct}%` }}
      />
    </div>
  );
}
