import { describe, expect, it } from 'vitest';
import { sliderScale } from './slider-scale.js';

describe('sliderScale', () => {
  it('is linear for narrow ranges', () => {
    const s = sliderScale({ min: 0, max: 1, integer: false });
    expect(s.log).toBe(false);
    expect(s.fromSlider(500)).toBe(0.5);
    expect(s.toSlider(0.25)).toBe(250);
  });

  it('is logarithmic for wide ranges, with round values and exact ends', () => {
    const s = sliderScale({ min: 0, max: 1_000_000, integer: false });
    expect(s.log).toBe(true);
    expect(s.fromSlider(0)).toBe(0);
    expect(s.fromSlider(1000)).toBe(1_000_000);
    const mid = s.fromSlider(500);
    expect(mid).toBeGreaterThan(500);
    expect(mid).toBeLessThan(2_000);
    expect(String(mid)).toMatch(/^\d{2}0*$/);
  });

  it('round-trips positions for integers and clamps out-of-range values', () => {
    const s = sliderScale({ min: 1, max: 64, integer: true });
    expect(s.fromSlider(s.toSlider(32))).toBe(32);
    expect(s.toSlider(1_000)).toBe(1000);
  });
});
