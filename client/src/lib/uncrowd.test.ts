import { describe, expect, it } from 'vitest';
import { graphSchema } from '../../../shared/graph/graph-schema.js';
import { uncrowd } from './uncrowd.js';

const graph = (positions: Array<[string, number, number]>) =>
  graphSchema.parse({
    schemaVersion: 1,
    name: 'g',
    nodes: positions.map(([id, x, y]) => ({ id, kind: 'counter', position: { x, y }, params: {} })),
    edges: [],
  });

describe('uncrowd', () => {
  /*
   *   a──b──c      the gallery's 220 × 160 grid: 232 px cards overlap their neighbours
   *   d──e
   */
  it('spreads a graph whose cards overlap, keeping the arrangement', () => {
    const out = uncrowd(
      graph([
        ['a', 0, 0],
        ['b', 220, 0],
        ['c', 440, 0],
        ['d', 0, 160],
        ['e', 220, 160],
      ]),
    );
    const at = new Map(out.nodes.map((n) => [n.id, n.position]));
    expect(at.get('b')!.x - at.get('a')!.x).toBeGreaterThanOrEqual(232);
    expect(at.get('d')!.y - at.get('a')!.y).toBeGreaterThanOrEqual(140);
    expect(at.get('c')!.x).toBeGreaterThan(at.get('b')!.x);
    expect(at.get('e')!.y).toBe(at.get('d')!.y);
  });

  /*
   *   a            b      far apart in x,
   *      c                and c is in another row but only 40 px right of a
   */
  it('leaves a layout whose cards do not touch alone, however close their columns are', () => {
    const doc = graph([
      ['a', 0, 0],
      ['b', 600, 0],
      ['c', 40, 300],
    ]);
    expect(uncrowd(doc)).toBe(doc);
  });
});
