import { describe, expect, it } from 'vitest';
import { chooseModel, predict } from './queue-model.js';

const poisson = (rate: number | null) => ({ kind: 'generator', params: { rate, pattern: 'poisson' } });
const worker = (params: Record<string, unknown>) => ({ kind: 'worker', params });

describe('chooseModel', () => {
  it('Poisson into exponential service is M/M/c with the worker’s lanes', () => {
    const m = chooseModel(poisson(80), worker({ serviceTimeMs: 10, distribution: 'exponential' }));
    expect(m).toEqual({ model: 'M/M/c', name: 'M/M/1', arrivalsPerS: 80, serviceMs: 10, servers: 1 });
    expect(predict(m!)!.waitMs).toBeCloseTo(40, 9);
    const pool = chooseModel(
      poisson(800),
      worker({ serviceTimeMs: 2, distribution: 'exponential', concurrency: 2 }),
    );
    expect(pool).toMatchObject({ name: 'M/M/2', servers: 2 });
  });

  it('Poisson into constant service on one lane (the default) is M/D/1', () => {
    const m = chooseModel(poisson(250), worker({ serviceTimeMs: 2 }));
    expect(m).toMatchObject({ model: 'M/D/1', name: 'M/D/1' });
    expect(predict(m!)!.waitMs).toBeCloseTo(1, 9);
  });

  it('says why there is no model otherwise', () => {
    expect(chooseModel(poisson(80), worker({ distribution: 'uniform' }))).toEqual({
      model: 'none',
      why: 'uniform service',
    });
    expect(chooseModel(poisson(80), worker({ concurrency: 4 }))).toEqual({
      model: 'none',
      why: 'constant service on 4 lanes',
    });
    expect(chooseModel(poisson(null), worker({}))).toEqual({ model: 'none', why: 'the source has no rate' });
  });

  it('models only a worker fed by a Poisson generator', () => {
    expect(chooseModel({ kind: 'generator', params: { rate: 80 } }, worker({}))).toBeUndefined();
    expect(chooseModel(poisson(80), { kind: 'map', params: { expression: 'value' } })).toBeUndefined();
  });

  it('predicts nothing at ρ ≥ 1', () => {
    expect(
      predict(chooseModel(poisson(200), worker({ serviceTimeMs: 10, distribution: 'exponential' }))!),
    ).toBeUndefined();
  });
});
