/**
 * Maps a bounded number field onto a 0…1000 slider. Wide non-negative ranges (rates from 0.1 to
 * 1,000,000) use a log scale so the low end — where most of the interesting values are — is
 * not squeezed into the first pixel.
 */
export interface SliderScale {
  toSlider: (value: number) => number;
  fromSlider: (position: number) => number;
  log: boolean;
}

export const SLIDER_STEPS = 1000;
/** Ranges wider than this factor (and not crossing zero) get a log slider. */
const LOG_ABOVE = 1_000;

/**
 * @example sliderScale({ min: 0, max: 1, integer: false }).fromSlider(500) // 0.5
 * @example sliderScale({ min: 1, max: 1_000_000, integer: true }).fromSlider(500) // 1000
 */
export function sliderScale(field: { min: number; max: number; integer: boolean }): SliderScale {
  const { min, max, integer } = field;
  const span = max - min;
  const round = (v: number) => {
    const clamped = Math.min(max, Math.max(min, v));
    if (integer) return Math.round(clamped);
    // Two significant digits are what a slider can aim at; typing gives more.
    if (clamped === 0) return 0;
    const mag = 10 ** (Math.floor(Math.log10(Math.abs(clamped))) - 1);
    return Number((Math.round(clamped / mag) * mag).toPrecision(12));
  };
  const log = min >= 0 && span > 0 && (max + 1) / (min + 1) > LOG_ABOVE;
  if (!log) {
    return {
      log,
      toSlider: (v) => (span > 0 ? ((Math.min(max, Math.max(min, v)) - min) / span) * SLIDER_STEPS : 0),
      fromSlider: (p) => round(min + (p / SLIDER_STEPS) * span),
    };
  }
  // log1p so that min = 0 works: position 0 is exactly min.
  const lo = Math.log1p(min);
  const hi = Math.log1p(max);
  return {
    log,
    toSlider: (v) => ((Math.log1p(Math.min(max, Math.max(min, v))) - lo) / (hi - lo)) * SLIDER_STEPS,
    fromSlider: (p) => round(Math.expm1(lo + (p / SLIDER_STEPS) * (hi - lo))),
  };
}
