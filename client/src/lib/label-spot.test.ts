import { describe, expect, it } from 'vitest';
import { labelSpot } from './label-spot.js';

const size = { width: 60, height: 40 };

describe('labelSpot', () => {
  /*
   *   [a] ─────────── [c] ─────────── [b]     an edge a → b drawn past node c
   */
  it('moves off a node that sits on the middle of the edge, to the nearest free stop', () => {
    const along = [0.5, 0.4, 0.6, 0.3].map((t) => ({ x: 1000 * t, y: 0 }));
    const c = { x: 380, y: -50, width: 232, height: 150 };
    expect(labelSpot(along, [c], size)).toEqual({ x: 300, y: 0 });
  });

  it('keeps the middle when it is free, and falls back to it when nothing is', () => {
    const along = [
      { x: 500, y: 0 },
      { x: 400, y: 0 },
    ];
    expect(labelSpot(along, [{ x: 0, y: 200, width: 10, height: 10 }], size)).toEqual({ x: 500, y: 0 });
    expect(labelSpot(along, [{ x: 0, y: -100, width: 1000, height: 200 }], size)).toEqual({ x: 500, y: 0 });
  });

  it('counts a label that only grazes a node as hidden under it', () => {
    // The label's right edge (500 + 30) passes the node's left edge (520) by 10 px.
    expect(
      labelSpot(
        [
          { x: 500, y: 0 },
          { x: 300, y: 0 },
        ],
        [{ x: 520, y: -10, width: 100, height: 20 }],
        size,
      ),
    ).toEqual({
      x: 300,
      y: 0,
    });
  });
});
