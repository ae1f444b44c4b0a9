import { describe, expect, it } from 'vitest';
import { spread } from './spread.js';

const box = (id: string, x: number, y: number) => ({ id, position: { x, y }, width: 232, height: 140 });

describe('spread', () => {
  /*
   *   a  b  c        (220 px columns, 160 px rows: 232 px wide nodes overlap)
   *   d  e
   */
  it('stretches a crowded grid, keeping the arrangement', () => {
    const at = spread([
      box('a', 0, 0),
      box('b', 220, 0),
      box('c', 440, 0),
      box('d', 0, 160),
      box('e', 220, 160),
    ]);
    expect(at.get('b')!.x - at.get('a')!.x).toBeGreaterThanOrEqual(232 + 120);
    expect(at.get('d')!.y - at.get('a')!.y).toBeGreaterThanOrEqual(140 + 40);
    expect(at.get('c')!.x).toBeGreaterThan(at.get('b')!.x);
    expect(at.get('e')!.y).toBe(at.get('d')!.y);
  });

  it('leaves a roomy layout alone', () => {
    const at = spread([box('a', 0, 0), box('b', 400, 0)]);
    expect(at.get('b')).toEqual({ x: 400, y: 0 });
  });
});
