import { describe, expect, it } from 'vitest';
import { frameBounds, inView } from './fit-viewport.js';

const none = { top: 0, right: 0, bottom: 0, left: 0 };

describe('frameBounds', () => {
  it('centres a graph that fits, at no more than maxZoom', () => {
    // 400 × 100 in an 800 × 600 canvas: zoom 1 (capped), centred
    expect(frameBounds({ x: 0, y: 0, width: 400, height: 100 }, 800, 600, none, 0.6, 1)).toEqual({
      x: 200,
      y: 250,
      zoom: 1,
    });
  });

  it('shrinks to fit the free area beside an inset, and centres there', () => {
    // free area x 300..800 (500 px wide): a 1000-wide graph at 0.5 is 500 wide, flush with both edges
    const v = frameBounds(
      { x: 100, y: 0, width: 1000, height: 200 },
      800,
      600,
      { ...none, left: 300 },
      0.1,
      1,
    );
    expect(v.zoom).toBe(0.5);
    expect(v.x + 100 * v.zoom).toBe(300);
    expect(v.y).toBe(250);
  });

  it('never goes below minZoom: a graph too wide starts at the free left edge, still centred vertically', () => {
    const v = frameBounds(
      { x: -50, y: 20, width: 2000, height: 200 },
      800,
      600,
      { top: 80, right: 16, bottom: 40, left: 300 },
      0.6,
      1,
    );
    expect(v.zoom).toBe(0.6);
    // the graph's left edge (flow x -50) lands on the free area's left edge
    expect(v.x + -50 * v.zoom).toBeCloseTo(300);
    // 120 px tall in a 480 px band from y 80: centred
    expect(v.y + 20 * v.zoom).toBeCloseTo(80 + (480 - 120) / 2);
  });

  it('anchors at the top when too tall at minZoom', () => {
    const v = frameBounds({ x: 0, y: 100, width: 100, height: 2000 }, 800, 600, { ...none, top: 72 }, 0.6, 1);
    expect(v.zoom).toBe(0.6);
    expect(v.y + 100 * v.zoom).toBeCloseTo(72);
  });

  it('frames a single point at maxZoom', () => {
    expect(frameBounds({ x: 10, y: 10, width: 0, height: 0 }, 800, 600, none, 0.6, 1)).toEqual({
      x: 390,
      y: 290,
      zoom: 1,
    });
  });
});

describe('inView', () => {
  const box = { x: 0, y: 0, width: 400, height: 100 };
  it('is true only when the whole box is inside the free area', () => {
    expect(inView(box, { x: 200, y: 250, zoom: 1 }, 800, 600, none)).toBe(true);
    // Cut off on the left, as a graph framed before a held node widened it.
    expect(inView(box, { x: -20, y: 250, zoom: 1 }, 800, 600, none)).toBe(false);
    expect(inView(box, { x: 200, y: 250, zoom: 2 }, 800, 600, none)).toBe(false);
  });

  it('counts the insets as not in view: a node under the toolbar is hidden', () => {
    const insets = { top: 76, right: 16, bottom: 16, left: 16 };
    expect(inView(box, { x: 200, y: 60, zoom: 1 }, 800, 600, insets)).toBe(false);
    expect(inView(box, { x: 200, y: 80, zoom: 1 }, 800, 600, insets)).toBe(true);
  });
});
