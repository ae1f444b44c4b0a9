import { describe, expect, it } from 'vitest';
import { edgeGeometry, forgetEdge, onGeometry, placeEdge } from './overlay-geometry.js';
import { MIN_TEXT_PX, textPx } from './overview-paint.js';

describe('overlay geometry', () => {
  it('tells the layer only when an edge moves, appears or goes', () => {
    let calls = 0;
    const off = onGeometry(() => {
      calls += 1;
    });
    placeEdge('e1', 'M0,0 L10,0', 5, 0);
    placeEdge('e1', 'M0,0 L10,0', 5, 0);
    expect(calls).toBe(1);
    placeEdge('e1', 'M0,0 L20,0', 10, 0);
    expect(calls).toBe(2);
    expect(edgeGeometry().get('e1')).toMatchObject({ path: 'M0,0 L20,0', x: 10, y: 0 });
    forgetEdge('e1');
    forgetEdge('e1');
    expect(calls).toBe(3);
    expect(edgeGeometry().has('e1')).toBe(false);
    off();
    placeEdge('e2', 'M0,0', 0, 0);
    expect(calls).toBe(3);
    forgetEdge('e2');
  });
});

describe('rate text size', () => {
  it('is left out when it would be too small to read, and capped when zoomed in', () => {
    expect(textPx(0.1)).toBe(0);
    expect(textPx(0.3)).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    expect(textPx(0.49)).toBe(14);
  });
});
