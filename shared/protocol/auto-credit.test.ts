import { describe, expect, it } from 'vitest';
import { AUTO_MAX_WINDOW, AUTO_MIN_WINDOW, AutoCredit } from './auto-credit.js';

/** Items arriving `perMessage` at a time, `perSecond` in all, for `seconds`; returns the grants. */
function feed(auto: AutoCredit, perSecond: number, seconds: number, start = 0, perMessage = 1) {
  let open = auto.window;
  let granted = 0;
  const every = (1000 * perMessage) / perSecond;
  for (let t = start; t < start + seconds * 1000; t += every) {
    open -= perMessage;
    const more = auto.arrived(perMessage, Math.max(0, open), t);
    open += more;
    granted += more;
  }
  return { open, granted };
}

describe('AutoCredit', () => {
  it('opens with 50 and tops up to the window once less than half is left', () => {
    const auto = new AutoCredit();
    expect(auto.window).toBe(AUTO_MIN_WINDOW);
    expect(auto.arrived(10, 40, 0)).toBe(0);
    expect(auto.arrived(15, 25, 10)).toBe(0);
    expect(auto.arrived(1, 24, 20)).toBe(26);
  });

  it('grows the window to one second of the arrival rate', () => {
    const auto = new AutoCredit();
    feed(auto, 200, 3);
    expect(auto.window).toBeGreaterThanOrEqual(199);
    expect(auto.window).toBeLessThanOrEqual(201);
  });

  it('shrinks back when the rate falls, never below 50', () => {
    const auto = new AutoCredit();
    feed(auto, 400, 3);
    expect(auto.window).toBeGreaterThan(350);
    feed(auto, 10, 3, 3_000);
    expect(auto.window).toBe(AUTO_MIN_WINDOW);
  });

  it('never keeps more than 1,000 open, however fast items come', () => {
    const auto = new AutoCredit();
    const { open } = feed(auto, 50_000, 3, 0, 100);
    expect(auto.window).toBe(AUTO_MAX_WINDOW);
    expect(open).toBeLessThanOrEqual(AUTO_MAX_WINDOW);
  });
});
