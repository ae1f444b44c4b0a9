import { describe, expect, it } from 'vitest';
import { HistoryRing } from './history-ring.js';

describe('HistoryRing', () => {
  it('keeps the newest samples in time order once it wraps', () => {
    // ARRANGE
    const ring = new HistoryRing(3);
    // ACT
    for (let t = 1; t <= 5; t++) ring.push(t, new Map([['a', t * 10]]));
    // ASSERT
    expect(ring.read(['a'])).toEqual([
      [3, 4, 5],
      [30, 40, 50],
    ]);
  });

  it('reads a series that started late, or never, as gaps', () => {
    const ring = new HistoryRing(4);
    ring.push(1, new Map([['a', 1]]));
    ring.push(
      2,
      new Map([
        ['a', 2],
        ['b', 7],
      ]),
    );
    expect(ring.read(['b', 'missing'])).toEqual([
      [1, 2],
      [null, 7],
      [null, null],
    ]);
    expect(ring.seriesCount).toBe(2);
  });
});
