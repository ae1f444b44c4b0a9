import { describe, expect, it } from 'vitest';
import { revealDelta } from './use-add-kind.js';

const pane = { width: 1000, height: 800 };

describe('revealDelta', () => {
  it('does not move a node that is already on screen', () => {
    expect(revealDelta({ x: 100, y: 100 }, { x: 0, y: 0, zoom: 1 }, pane)).toEqual({ dx: 0, dy: 0 });
  });

  it('pans just enough to bring a node past the right edge into view, with a margin', () => {
    // Right edge at 1500 + 232 = 1732 → 1000 − 48 = 952.
    expect(revealDelta({ x: 1500, y: 100 }, { x: 0, y: 0, zoom: 1 }, pane)).toEqual({ dx: -780, dy: 0 });
  });

  it('accounts for zoom and the current pan', () => {
    // At zoom 0.5, panned by −200: the node's left is 2000 × 0.5 − 200 = 800, its right 916 → 952 fits.
    expect(revealDelta({ x: 2000, y: 0 }, { x: -200, y: 100, zoom: 0.5 }, pane)).toEqual({ dx: 0, dy: 0 });
    expect(revealDelta({ x: 2000, y: -400 }, { x: -200, y: 100, zoom: 0.5 }, pane).dy).toBe(148);
  });

  it('keeps the top-left corner when the node is bigger than the pane', () => {
    const { dx } = revealDelta({ x: 0, y: 0 }, { x: 500, y: 0, zoom: 4 }, pane);
    expect(500 + dx).toBe(48);
  });
});
