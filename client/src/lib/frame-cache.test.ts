import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { FrameCache, PAGE_MS } from './frame-cache.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

/** `count` nodes' telemetry (shared between frames: only the counts matter here). */
function nodesOf(count: number): TelemetryFrame['nodes'] {
  const ns: TelemetryFrame['nodes'] = {};
  for (let i = 0; i < count; i++) ns[`n${i}`] = nodeTelemetry();
  return ns;
}
const ONE = nodesOf(1);
const BIG = nodesOf(500);

/** A frame at `t` ms whose queue depth is `t / 100`. */
function frame(t: number, nodes = ONE): TelemetryFrame {
  return { runId: 'r', seq: t / 100, t, nodes, edges: { e: edgeTelemetry({ depth: t / 100 }) } };
}
const range = (from: number, to: number, step = 100) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => frame(from + i * step));

describe('FrameCache', () => {
  it('answers the latest frame at or before t inside a fetched window', () => {
    const cache = new FrameCache();
    cache.putPage(0, range(0, 9_900), 20_000);
    expect(cache.frameAt(500)?.t).toBe(500);
    expect(cache.frameAt(549)?.t).toBe(500);
    expect(cache.frameAt(9_999)?.t).toBe(9_900);
  });

  it('says a window must be fetched when t is outside what it holds', () => {
    const cache = new FrameCache();
    cache.putPage(0, range(0, 9_900), 20_000);
    expect(cache.frameAt(10_000)).toBeUndefined();
    expect(cache.covers(10_000)).toBe(false);
  });

  it('does not answer past the newest frame the server had when it was fetched', () => {
    const cache = new FrameCache();
    cache.putPage(0, range(0, 4_000), 4_000);
    expect(cache.frameAt(4_000)?.t).toBe(4_000);
    expect(cache.frameAt(4_050)).toBeUndefined();
  });

  it('extends the live window as live frames arrive after a fetch', () => {
    const cache = new FrameCache();
    cache.putPage(0, range(0, 4_000), 4_000);
    cache.addLive(frame(4_000));
    for (const f of range(4_100, 12_000)) cache.addLive(f);
    expect(cache.frameAt(4_050)?.t).toBe(4_000);
    expect(cache.frameAt(9_999)?.t).toBe(9_900);
    // The first frame of the next page follows on from the last of this one.
    expect(cache.frameAt(10_050)?.t).toBe(10_000);
    expect(cache.frameAt(12_000)?.t).toBe(12_000);
    expect(cache.frameAt(12_001)).toBeUndefined();
  });

  it('does not claim the past before the first live frame when nothing was fetched', () => {
    const cache = new FrameCache();
    for (const f of range(35_000, 36_000)) cache.addLive(f);
    expect(cache.frameAt(35_500)?.t).toBe(35_500);
    expect(cache.frameAt(34_900)).toBeUndefined();
    expect(cache.frameAt(30_100)).toBeUndefined();
  });

  it('continues the page before when a window has no frame before t (a thinned stretch)', () => {
    const cache = new FrameCache();
    cache.putPage(0, [frame(0), frame(9_000)], 30_000);
    cache.putPage(1, [frame(15_000)], 30_000);
    expect(cache.frameAt(12_000)?.t).toBe(9_000);
  });

  it('answers null before the first frame of the run', () => {
    const cache = new FrameCache();
    cache.putPage(0, range(200, 9_900), 30_000);
    expect(cache.frameAt(100)).toBeNull();
  });

  it('steps one frame forward and back, across a window edge', () => {
    const cache = new FrameCache();
    cache.putPage(0, range(0, 9_900), 30_000);
    cache.putPage(1, range(10_000, 19_900), 30_000);
    expect(cache.step(9_950, 1)?.t).toBe(10_000);
    expect(cache.step(10_000, -1)?.t).toBe(9_900);
    expect(cache.step(5_000, 1)?.t).toBe(5_100);
  });

  it('evicts the least recently used window to stay under its frame bound', () => {
    const cache = new FrameCache(250);
    cache.putPage(0, range(0, 9_900), 60_000);
    cache.putPage(1, range(10_000, 19_900), 60_000);
    cache.frameAt(500); // page 0 used again: page 1 is now the older
    cache.putPage(2, range(20_000, 29_900), 60_000);
    expect(cache.heldPages()).toEqual([0, 2]);
    expect(cache.size).toBeLessThanOrEqual(250);
  });

  it('stays bounded over a 30-minute, 500-node recording scrubbed end to end', () => {
    const cache = new FrameCache();
    let most = 0;
    // 10 Hz for 30 minutes, fetched a page at a time as a scrub from start to end would.
    for (let page = 0; page < (30 * 60_000) / PAGE_MS; page++) {
      const frames: TelemetryFrame[] = [];
      for (let t = page * PAGE_MS; t < (page + 1) * PAGE_MS; t += 100) frames.push(frame(t, BIG));
      cache.putPage(page, frames, 30 * 60_000);
      expect(cache.frameAt(page * PAGE_MS + 5_000)?.t).toBe(page * PAGE_MS + 5_000);
      most = Math.max(most, cache.entryCount);
    }
    expect(most).toBeLessThanOrEqual(300_000);
    expect(cache.size).toBeLessThanOrEqual(3_000);
  });

  it('keeps the newest frames of one window too big for the bound alone', () => {
    const cache = new FrameCache(3_000, 10_000);
    const frames: TelemetryFrame[] = [];
    for (let t = 0; t < PAGE_MS; t += 100) frames.push(frame(t, BIG));
    cache.putPage(0, frames, PAGE_MS);
    expect(cache.entryCount).toBeLessThanOrEqual(10_000);
    expect(cache.frameAt(9_900)?.t).toBe(9_900);
    expect(cache.frameAt(0)).toBeUndefined();
  });
});
