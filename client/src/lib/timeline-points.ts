/** One point of the timeline's sparkline: `[t (ms), items queued, dropped so far]`. */
export type TimelinePoint = [number, number, number];

/** At most this many points are kept: the sparkline is a few hundred pixels wide. */
export const MAX_POINTS = 4_000;

/**
 * The sparkline's points over the whole run: the server's summary (the timeline endpoint, at most
 * ~2,000 points) followed by the live frames that arrived after it. Past MAX_POINTS every second
 * point goes (first and last kept), so a long run costs the same memory as a short one.
 */
export class TimelinePoints {
  private points: TimelinePoint[] = [];
  /** Live points are taken at most this often (ms), doubled at each halving. */
  private gapMs = 0;

  get length(): number {
    return this.points.length;
  }

  /** Replaces everything up to the server's newest point; live points after it stay. */
  setServer(points: readonly TimelinePoint[]): void {
    const lastT = points.at(-1)?.[0] ?? Number.NEGATIVE_INFINITY;
    const newer = this.points.filter((p) => p[0] > lastT);
    this.points = [...points, ...newer];
    this.bound();
  }

  /** A live frame's point, appended in time order (an older one is ignored). */
  append(point: TimelinePoint): void {
    const last = this.points.at(-1);
    if (last && (point[0] <= last[0] || point[0] - last[0] < this.gapMs)) return;
    this.points.push(point);
    this.bound();
  }

  read(): readonly TimelinePoint[] {
    return this.points;
  }

  clear(): void {
    this.points = [];
    this.gapMs = 0;
  }

  private bound(): void {
    if (this.points.length <= MAX_POINTS) return;
    const last = this.points.at(-1)!;
    this.points = this.points.filter((_, i) => i % 2 === 0);
    if (this.points.at(-1) !== last) this.points.push(last);
    const span = last[0] - this.points[0]![0];
    this.gapMs = Math.max(this.gapMs * 2, span / MAX_POINTS);
  }
}

/** The point shown at `t`: the latest at or before it (binary search), or undefined. */
export function pointAt(points: readonly TimelinePoint[], t: number): TimelinePoint | undefined {
  let lo = 0;
  let hi = points.length - 1;
  let found: TimelinePoint | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]![0] <= t) {
      found = points[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
