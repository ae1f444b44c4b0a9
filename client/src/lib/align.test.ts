import { describe, expect, it } from 'vitest';
import { align, distribute } from './align.js';

const box = (id: string, x: number, y: number, width = 100, height = 50) => ({ id, x, y, width, height });

describe('align', () => {
  const boxes = [box('a', 0, 0), box('b', 60, 100, 200, 80), box('c', 300, 40)];
  it('lines left edges up on the leftmost and tops on the topmost, moving only what moves', () => {
    expect(Object.fromEntries(align(boxes, 'left'))).toEqual({ b: { x: 0, y: 100 }, c: { x: 0, y: 40 } });
    expect(Object.fromEntries(align(boxes, 'top'))).toEqual({ b: { x: 60, y: 0 }, c: { x: 300, y: 0 } });
  });
  it('centres on the middle of the selection, whatever each box’s size', () => {
    // Selection spans x 0..400: centre 200; b is 200 wide → x 100.
    expect(Object.fromEntries(align(boxes, 'centre'))).toEqual({
      a: { x: 150, y: 0 },
      b: { x: 100, y: 100 },
      c: { x: 150, y: 40 },
    });
  });
  it('does nothing for fewer than two boxes', () => {
    expect(align([box('a', 5, 5)], 'left').size).toBe(0);
  });
});

describe('distribute', () => {
  it('keeps the ends and makes equal gaps between boxes of different widths', () => {
    // a 0..100, b at 130 (200 wide), c 500..600: room 600 - 400 filled = 200 → gaps of 100.
    const moved = distribute([box('c', 500, 0), box('a', 0, 0), box('b', 130, 0, 200)], 'horizontal');
    expect(Object.fromEntries(moved)).toEqual({ b: { x: 200, y: 0 } });
  });
  it('spaces vertically too, and needs three boxes', () => {
    const moved = distribute([box('a', 0, 0), box('b', 0, 10), box('c', 0, 300)], 'vertical');
    expect(Object.fromEntries(moved)).toEqual({ b: { x: 0, y: 150 } });
    expect(distribute([box('a', 0, 0), box('b', 0, 10)], 'vertical').size).toBe(0);
  });
});
