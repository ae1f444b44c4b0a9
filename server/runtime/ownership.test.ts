import { describe, expect, it } from 'vitest';
import { nodesOwningInput } from './ownership.js';
import { planOf } from './test-graphs.js';

describe('nodesOwningInput', () => {
  it('a chain owns its items all the way; a broadcast port shares them', () => {
    //   src ──▶ f ──▶ m1 ──┬▶ m2 ──▶ out
    //                     └▶ m3 ──▶ out2
    const plan = planOf(
      [
        ['src', 'generator'],
        ['f', 'worker'],
        ['m1', 'worker'],
        ['m2', 'worker'],
        ['m3', 'worker'],
        ['out', 'counter'],
        ['out2', 'counter'],
      ],
      [
        ['src', 'f'],
        ['f', 'm1'],
        ['m1', 'm2'],
        ['m1', 'm3'],
        ['m2', 'out'],
        ['m3', 'out2'],
      ],
    );
    const owning = nodesOwningInput(plan);
    expect([...owning].sort()).toEqual(['f', 'm1']);
  });

  it('a fan-in is owned only if every input is', () => {
    //   a ──▶ sink ◀── b ──┬▶ other
    //                      └─────▲ (b broadcasts)
    const plan = planOf(
      [
        ['a', 'generator'],
        ['b', 'generator'],
        ['sink', 'counter'],
        ['other', 'counter'],
      ],
      [
        ['a', 'sink'],
        ['b', 'sink'],
        ['b', 'other'],
      ],
    );
    expect(nodesOwningInput(plan).has('sink')).toBe(false);
  });
});
