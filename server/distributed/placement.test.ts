import { describe, expect, it } from 'vitest';
import { placeParts } from './placement.js';

const runner = (id: string, slots = 4, slotsInUse = 0) => ({ id, slots, slotsInUse });

describe('placeParts', () => {
  it('puts each part on the runner with the fewest parts, replicas of one node apart', () => {
    const p = placeParts(['main', 'work#0', 'work#1'], [runner('a'), runner('b', 4, 1)]);
    // main → a (0 vs 1); then a tie goes to a, and work#1 must leave a
    expect(p.ok && Object.fromEntries(p.runnerOf)).toEqual({ main: 'a', 'work#0': 'a', 'work#1': 'b' });
  });

  it('keeps replicas apart even when that runner is busier, while it has a free slot', () => {
    // a is empty, b holds 2 parts; work#1 goes to b (a already holds work#0)
    const p = placeParts(['work#0', 'work#1'], [runner('a'), runner('b', 4, 2)]);
    expect(p.ok && Object.fromEntries(p.runnerOf)).toEqual({ 'work#0': 'a', 'work#1': 'b' });
  });

  it('doubles replicas up when there are more replicas than runners', () => {
    const p = placeParts(['w#0', 'w#1', 'w#2'], [runner('a'), runner('b')]);
    expect(p.ok && [...p.runnerOf.values()].sort()).toEqual(['a', 'a', 'b']);
  });

  it('counts parts placed but not yet in heartbeats', () => {
    const p = placeParts(['x'], [runner('a', 1), runner('b', 1)], new Map([['a', 1]]));
    expect(p.ok && p.runnerOf.get('x')).toBe('b');
  });

  it('places nothing and says how many slots there are when the parts do not fit', () => {
    const p = placeParts(['main', 'w#0', 'w#1'], [runner('a', 1), runner('b', 2, 1)]);
    expect(p).toEqual({
      ok: false,
      reason: 'no runner has a free slot (2 runners, 3 slots, 2 free; the run needs 3)',
    });
    expect(placeParts(['main'], [])).toMatchObject({ ok: false, reason: expect.stringMatching(/0 runners/) });
  });
});
