/**
 * The timeline under the canvas (issue 17): one `[t, queued, dropped]` point per frame, so the
 * sparkline of a whole run is drawn without fetching every frame. Pure: the server builds it
 * while a run records, and from a stored recording's leaves when it has none.
 */
import type { TelemetryFrame } from '../protocol/telemetry.js';

export type TimelinePoint = [t: number, queued: number, dropped: number];

/** At most this many points in a response (`TimelineResponse.points`). */
export const MAX_TIMELINE_POINTS = 2_000;

/** Items queued (Σ edge depth) and dropped (the run's total, else Σ edge dropped) at a frame. */
export function pointOf(frame: TelemetryFrame): TimelinePoint {
  let queued = 0;
  let dropped = 0;
  for (const id in frame.edges) {
    const e = frame.edges[id];
    queued += e?.depth ?? 0;
    dropped += e?.dropped ?? 0;
  }
  return [frame.t, queued, frame.totals?.dropped ?? dropped];
}

/**
 * Keeps every `n`th point (the last of each bucket of `n`, and always the last point) so that at
 * most `max` remain.
 */
export function bucketPoints(points: readonly TimelinePoint[], max = MAX_TIMELINE_POINTS): TimelinePoint[] {
  if (points.length <= max) return points.slice();
  const n = Math.ceil(points.length / max);
  const out: TimelinePoint[] = [];
  for (let i = n - 1; i < points.length; i += n) out.push(points[i] as TimelinePoint);
  const last = points.at(-1) as TimelinePoint;
  if (out.at(-1) !== last) out.push(last);
  // A partial last bucket could make max + 1: the one before it goes.
  if (out.length > max) out.splice(out.length - 2, 1);
  return out;
}

/**
 * Points of a recording as it grows, bounded: past `2 × cap` points every other one goes (the last
 * of each pair stays), so a long run costs at most `2 × cap` points at half the resolution.
 */
export class TimelineBuilder {
  private points: TimelinePoint[] = [];

  constructor(private readonly cap = 4 * MAX_TIMELINE_POINTS) {}

  add(frame: TelemetryFrame): void {
    this.points.push(pointOf(frame));
    if (this.points.length >= 2 * this.cap) this.points = this.points.filter((_, i) => i % 2 === 1);
  }

  get all(): readonly TimelinePoint[] {
    return this.points;
  }
}

/**
 * The timeline of a stored recording (one with no points kept beside it: an imported file),
 * from its kept frames' leaves without building the frames.
 */
export function timelineOf(rec: {
  walk(visit: (t: number, leaves: Map<number, unknown>) => void): void;
  pathOf(id: number): readonly string[] | undefined;
}): TimelinePoint[] {
  // Per leaf id: 1 an edge's depth, 2 an edge's dropped, 3 the totals' dropped, 0 none.
  const kinds: number[] = [];
  const kindOf = (id: number): number => {
    let k = kinds[id];
    if (k === undefined) {
      const p = rec.pathOf(id) ?? [];
      k =
        p.length === 3 && p[0] === 'edges'
          ? p[2] === 'depth'
            ? 1
            : p[2] === 'dropped'
              ? 2
              : 0
          : p.length === 2 && p[0] === 'totals' && p[1] === 'dropped'
            ? 3
            : 0;
      kinds[id] = k;
    }
    return k;
  };
  const points: TimelinePoint[] = [];
  rec.walk((t, leaves) => {
    let queued = 0;
    let edgeDropped = 0;
    let total: number | undefined;
    for (const [id, v] of leaves) {
      const k = kindOf(id);
      if (k === 0 || typeof v !== 'number') continue;
      if (k === 1) queued += v;
      else if (k === 2) edgeDropped += v;
      else total = v;
    }
    points.push([t, queued, total ?? edgeDropped]);
  });
  return points;
}
