import { describe, expect, it } from 'vitest';
import { MAX_POINTS, pointAt, TimelinePoints } from './timeline-points.js';

describe('TimelinePoints', () => {
  it('keeps live points that arrived after the server summary when it is refreshed', () => {
    const points = new TimelinePoints();
    points.append([500, 5, 0]);
    points.append([600, 6, 0]);
    points.setServer([
      [0, 0, 0],
      [500, 5, 0],
    ]);
    expect(points.read().map((p) => p[0])).toEqual([0, 500, 600]);
  });

  it('ignores a point older than the newest', () => {
    const points = new TimelinePoints();
    points.append([500, 5, 0]);
    points.append([400, 4, 0]);
    expect(points.length).toBe(1);
  });

  it('stays bounded over a long run and keeps its first and last points', () => {
    const points = new TimelinePoints();
    for (let t = 0; t <= 30 * 60_000; t += 100) points.append([t, t, 0]);
    expect(points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(points.read()[0]?.[0]).toBe(0);
    expect(points.read().at(-1)?.[0]).toBeGreaterThan(30 * 60_000 - 2_000);
  });

  it('finds the point at or before a time', () => {
    const list: Array<[number, number, number]> = [
      [0, 1, 0],
      [100, 2, 0],
      [200, 3, 0],
    ];
    expect(pointAt(list, 150)?.[1]).toBe(2);
    expect(pointAt(list, -1)).toBeUndefined();
    expect(pointAt(list, 999)?.[1]).toBe(3);
  });
});
