import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { gcWithin, watchStalls } from './stall-watch.js';

it('counts only the part of each GC pause inside the gap', () => {
  const pauses = [
    { from: 0, to: 2 }, // before the gap
    { from: 9, to: 12 }, // 1 ms inside
    { from: 14, to: 16 }, // all inside
    { from: 19, to: 25 }, // 1 ms inside
  ];
  expect(gcWithin(pauses, 11, 20)).toBe(4);
  expect(gcWithin([], 11, 20)).toBe(0);
});

it('the worst gap is a thread that did not yield, and the scavenges it ran are named in it', async () => {
  // ARRANGE: let the interval tick once, so the gap starts at a tick.
  const stop = watchStalls();
  await new Promise((r) => setTimeout(r, 12));

  // ACT: hold the thread for 40 ms of wall time, allocating short-lived arrays all along (young
  // generation scavenges must run: hundreds of MB go through a 16 MB semi-space).
  const until = performance.now() + 40;
  let kept = 0;
  let allocated = 0;
  while (performance.now() < until || allocated < 300e6) {
    const a = new Array(1000).fill(kept);
    kept = a.length & 1;
    allocated += 8000;
  }
  const stall = await stop();

  // ASSERT: no timer could fire inside the loop, so the gap holds all of it; GC pauses fell inside.
  expect(stall.ms).toBeGreaterThanOrEqual(40);
  expect(stall.gcMs).toBeGreaterThan(0);
  expect(stall.gcMs).toBeLessThanOrEqual(stall.ms);
});
