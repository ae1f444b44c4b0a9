import { useMemo } from 'react';
import { SLIDER_STEPS, sliderScale } from '../lib/slider-scale.js';

/** A slider beside a bounded number field; log-scaled for wide ranges (see sliderScale). */
export function RangeSlider(props: {
  testId: string;
  label: string;
  min: number;
  max: number;
  integer: boolean;
  value: number;
  onChange: (v: number) => void;
}) {
  const { min, max, integer } = props;
  const scale = useMemo(() => sliderScale({ min, max, integer }), [min, max, integer]);
  return (
    <input
      type="range"
      className="range"
      data-testid={props.testId}
      aria-label={`${props.label} slider${scale.log ? ' (log scale)' : ''}`}
      min={0}
      max={SLIDER_STEPS}
      step={1}
      value={Math.round(scale.toSlider(props.value))}
      onChange={(e) => props.onChange(scale.fromSlider(Number(e.target.value)))}
    />
  );
}
