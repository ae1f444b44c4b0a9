import { describe, expect, it } from 'vitest';
import { autoLayout } from './auto-layout.js';

/*
 *   gen ──▶ rr ─out0─▶ a
 *              └out1─▶ b
 */
const box = (id: string, inputs: string[], outputs: string[]) => ({
  id,
  width: 232,
  height: 120,
  ports: { inputs, outputs },
});

describe('autoLayout', () => {
  it('lays nodes out left to right in dataflow order, without overlaps', async () => {
    // ARRANGE: given in reverse, piled on one spot.
    const nodes = [
      box('b', ['in'], []),
      box('a', ['in'], []),
      box('rr', ['in'], ['out0', 'out1']),
      box('gen', [], ['out']),
    ];
    const edges = [
      { id: 'e1', source: 'gen', sourceHandle: 'out', target: 'rr', targetHandle: 'in' },
      { id: 'e2', source: 'rr', sourceHandle: 'out0', target: 'a', targetHandle: 'in' },
      { id: 'e3', source: 'rr', sourceHandle: 'out1', target: 'b', targetHandle: 'in' },
    ];
    // ACT
    const at = await autoLayout(nodes, edges);
    // ASSERT
    const x = (id: string) => at.get(id)!.x;
    expect(x('gen')).toBeLessThan(x('rr'));
    expect(x('rr')).toBeLessThan(x('a'));
    expect(x('a')).toBe(x('b'));
    expect(Math.abs(at.get('a')!.y - at.get('b')!.y)).toBeGreaterThanOrEqual(120);
    // out0 is above out1 on the node, so a stays above b.
    expect(at.get('a')!.y).toBeLessThan(at.get('b')!.y);
  });
});
