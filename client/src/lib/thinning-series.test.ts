import { describe, expect, it } from 'vitest';
import { HistoryRing } from './history-ring.js';
import { mergeInto, ThinningSeries } from './thinning-series.js';

const one = (key: string, v: number) => new Map([[key, v]]);

describe('ThinningSeries', () => {
  it('keeps a run of any length in at most its capacity, evenly spaced from its first sample', () => {
    const s = new ThinningSeries(2_000, 100);
    // An hour at 10 samples a second: 36,000 offered.
    for (let i = 0; i < 36_000; i++) s.offer(i / 10, one('x', i));
    expect(s.size).toBeLessThanOrEqual(2_000);
    expect(s.size).toBeGreaterThan(1_000);
    const [t, x] = s.read(['x']);
    expect(t[0]).toBe(0);
    expect(x![0]).toBe(0);
    // Evenly spaced: every gap the same (the kept gap), and the newest within one gap of now.
    const gaps = new Set(t.slice(1).map((v, i) => Math.round((v - t[i]!) * 10) / 10));
    expect(gaps.size).toBe(1);
    expect(3_599.9 - t.at(-1)!).toBeLessThan(s.gapSeconds + 1e-6);
    // Values stay with their times.
    expect(x!.every((v, i) => v === Math.round(t[i]! * 10))).toBe(true);
  });

  it('drops samples closer than its gap, and reads a series that appeared later as gaps before it', () => {
    const s = new ThinningSeries(100, 100);
    expect(s.offer(0, one('a', 1))).toBe(true);
    expect(s.offer(0.05, one('a', 2))).toBe(false);
    expect(
      s.offer(
        0.1,
        new Map([
          ['a', 3],
          ['b', 4],
        ]),
      ),
    ).toBe(true);
    expect(s.read(['a', 'b', 'missing'])).toEqual([
      [0, 0.1],
      [1, 3],
      [null, 4],
      [null, null],
    ]);
  });

  it('halves when full: the first sample stays, memory never grows past the capacity', () => {
    const s = new ThinningSeries(4);
    for (let i = 0; i < 5; i++) s.offer(i, one('x', i));
    expect(s.read(['x'])).toEqual([
      [0, 2, 4],
      [0, 2, 4],
    ]);
    expect(s.gapSeconds).toBe(2);
    expect(s.offer(5, one('x', 5))).toBe(false);
    expect(s.offer(6, one('x', 6))).toBe(true);
  });
});

describe('mergeInto', () => {
  it('puts the older history before the newer one, dropping its overlap, with every series of both', () => {
    const older = new ThinningSeries(100);
    for (let t = 0; t < 10; t++) older.offer(t, one('a', t));
    const newer = new HistoryRing(100);
    for (let t = 8; t < 12; t++)
      newer.push(
        t,
        new Map([
          ['a', t * 10],
          ['b', 1],
        ]),
      );
    const into = new HistoryRing(100);
    mergeInto((t, v) => into.push(t, v), older, newer);
    expect(into.read(['a', 'b'])).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      [0, 1, 2, 3, 4, 5, 6, 7, 80, 90, 100, 110],
      [null, null, null, null, null, null, null, null, 1, 1, 1, 1],
    ]);
  });
});
