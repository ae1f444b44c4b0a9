import { describe, expect, it } from 'vitest';
import { chooseModel } from '../../../shared/analysis/queue-model.js';
import { littleText, modelRows, utilizationText, waitRows } from './queue-theory-rows.js';
import { edgeTelemetry } from './test-telemetry.js';

const mm1 = chooseModel(
  { kind: 'generator', params: { rate: 80, pattern: 'poisson' } },
  { kind: 'worker', params: { serviceTimeMs: 10, distribution: 'exponential' } },
);

describe('queue theory rows', () => {
  it("Little's law: out rate × mean wait beside the depth held", () => {
    expect(littleText(edgeTelemetry({ depth: 64, capacity: 64, outRate: 500, meanWaitMs: 128 }))).toBe(
      '≈ 500/s × 128 ms = 64 (measured 64)',
    );
    expect(littleText(edgeTelemetry({ depth: 3 }))).toBe('—');
  });

  it('keeps its rows before a run', () => {
    expect(waitRows(undefined).map(([k]) => k)).toEqual(waitRows(edgeTelemetry()).map(([k]) => k));
  });

  it('the M/M/1 prediction beside the measured wait and depth', () => {
    const rows = modelRows(mm1, edgeTelemetry({ depth: 2, outRate: 80, meanWaitMs: 37.5 }));
    expect(rows).toEqual([
      ['Queueing model', 'M/M/1 at ρ 0.80'],
      ['Wait: model / measured', '40 ms / 38 ms'],
      ['Mean depth: model / λ·W', '3.2 / 3'],
    ]);
  });

  it('no model, and why; no steady state at ρ ≥ 1; nothing for queues no model is meant for', () => {
    const uniform = chooseModel(
      { kind: 'generator', params: { rate: 80, pattern: 'poisson' } },
      { kind: 'worker', params: { distribution: 'uniform' } },
    );
    expect(modelRows(uniform, undefined)).toEqual([['Queueing model', 'none: uniform service']]);
    const over = chooseModel(
      { kind: 'generator', params: { rate: 200, pattern: 'poisson' } },
      { kind: 'worker', params: { serviceTimeMs: 10, distribution: 'exponential' } },
    );
    expect(modelRows(over, undefined)).toEqual([
      ['Queueing model', 'M/M/1: ρ 2, no steady state (it fills)'],
    ]);
    expect(modelRows(undefined, undefined)).toEqual([]);
  });
});

describe('utilizationText', () => {
  it('says what ρ means, below and above 1', () => {
    expect(utilizationText(0.8)).toBe('0.80: asked for 80% of what it can serve');
    expect(utilizationText(4)).toBe('4.0: offered 4.0 × what it can serve; it cannot keep up');
    expect(utilizationText(1)).toBe('1.0: offered 1.0 × what it can serve; it cannot keep up');
    expect(utilizationText(undefined)).toBe('—');
  });
  it('says what a rate limiter does with the excess instead of that it cannot keep up', () => {
    // A limiter offered 2.4 × its rate is doing its job (found by the new-user pass).
    expect(utilizationText(2.4, 'drop')).toBe('2.4: offered 2.4 × its rate; drop mode discards the excess');
    expect(utilizationText(2.4, 'delay')).toBe(
      '2.4: offered 2.4 × its rate; delay mode holds the excess back (backpressure)',
    );
    expect(utilizationText(0.5, 'drop')).toBe('0.50: offered 50% of its rate');
    expect(utilizationText(2.4, 'drop')).not.toMatch(/cannot keep up/);
  });
});
