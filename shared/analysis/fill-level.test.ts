import { describe, expect, it } from 'vitest';
import { type FillStreak, fillLevel, fillRatio, judgeFilling } from './fill-level.js';

describe('fillLevel', () => {
  it('is green below 60 %', () => {
    expect(fillLevel(0, 64)).toBe('green');
    expect(fillLevel(59, 100)).toBe('green');
  });

  it('is yellow from 60 % up to (not including) 85 %', () => {
    expect(fillLevel(60, 100)).toBe('yellow');
    expect(fillLevel(84, 100)).toBe('yellow');
  });

  it('is red from 85 %', () => {
    expect(fillLevel(85, 100)).toBe('red');
    expect(fillLevel(64, 64)).toBe('red');
  });

  it('treats a rendezvous edge as empty unless something is queued', () => {
    expect(fillLevel(0, 0)).toBe('green');
    expect(fillLevel(1, 0)).toBe('red');
  });
});

describe('fillRatio', () => {
  it('clamps to 0..1', () => {
    expect(fillRatio(80, 64)).toBe(1);
    expect(fillRatio(-3, 64)).toBe(0);
    expect(fillRatio(16, 64)).toBe(0.25);
  });
});

describe('judgeFilling', () => {
  const q = (depth: number, inRate: number, outRate: number, capacity = 64) => ({
    depth,
    capacity,
    inRate,
    outRate,
  });
  /** Feeds frames 100 ms apart and returns the last judgement. */
  const run = (frames: Array<ReturnType<typeof q>>) => {
    let streak: FillStreak | undefined;
    let etaMs: number | null = null;
    frames.forEach((f, i) => {
      ({ streak, etaMs } = judgeFilling(streak, f, i * 100));
    });
    return etaMs;
  };

  it('shows the time until full for a queue that has been filling for a second', () => {
    // 0 → 44 of 64 over 1.1 s at in 100/s, out 60/s: 20 left at 40/s net = 500 ms.
    const frames = Array.from({ length: 12 }, (_, i) => q(i * 4, 100, 60));
    expect(run(frames)).toBeCloseTo(500);
  });

  it('waits a second of frames before saying anything', () => {
    const frames = Array.from({ length: 8 }, (_, i) => q(10 + i * 4, 100, 60));
    expect(run(frames)).toBeNull();
  });

  it('ignores a nearly empty queue in steady state (1/64, 5/64)', () => {
    expect(run(Array.from({ length: 20 }, (_, i) => q(1 + (i % 2), 100, 96)))).toBeNull();
    expect(run(Array.from({ length: 20 }, (_, i) => q(5 + (i % 3), 100, 98)))).toBeNull();
  });

  it('ignores a net rate under 5 % of the in-rate', () => {
    expect(run(Array.from({ length: 20 }, (_, i) => q(20 + i, 100, 97)))).toBeNull();
  });

  it('restarts the second when the net rate drops for one frame', () => {
    const frames = Array.from({ length: 15 }, (_, i) => q(10 + i * 2, 100, i === 10 ? 100 : 60));
    expect(run(frames)).toBeNull();
  });

  it('says nothing when full is more than a minute away', () => {
    // 5 000 left at 50/s net = 100 s.
    const frames = Array.from({ length: 12 }, (_, i) => q(5_000 + i * 5, 1_000, 950, 10_000));
    expect(run(frames)).toBeNull();
  });

  it('says nothing when the depth did not grow over the streak, or the queue is full', () => {
    expect(run(Array.from({ length: 12 }, () => q(30, 100, 60)))).toBeNull();
    expect(run(Array.from({ length: 12 }, (_, i) => q(Math.min(64, 30 + i * 4), 100, 60)))).toBeNull();
  });
});
