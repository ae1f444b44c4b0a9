import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, MIN_DELAY_MS, RunClock } from './run-clock.js';

describe('RunClock', () => {
  it('takes the tightest arrival as the run’s clock', () => {
    const clock = new RunClock();
    expect(clock.now(1_000)).toBeNull();
    clock.note(5_300, [100]); // 200 ms in transit
    clock.note(5_150, [150]); // 0 ms in transit: the true offset is 5,000
    clock.note(5_400, [200]);
    expect(clock.now(6_000)).toBe(1_000);
  });

  it('draws further behind when messages come late, within bounds, and recovers', () => {
    const clock = new RunClock();
    clock.note(5_100, [100]);
    expect(clock.delayMs()).toBe(MIN_DELAY_MS);
    // A message whose earliest hop is 400 ms old when it arrives.
    clock.note(5_600, [200, 600]);
    expect(clock.delayMs()).toBe(430);
    clock.note(15_000, [0, 10_000]);
    expect(clock.delayMs()).toBe(MAX_DELAY_MS);
    for (let i = 0; i < 500; i++) clock.note(20_000 + i, [15_000 + i]);
    expect(clock.delayMs()).toBe(MIN_DELAY_MS);
  });
});
