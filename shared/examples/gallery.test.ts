import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compiler/compile.js';
import { applyLivePatch } from '../compiler/live-params.js';
import { exampleSchema, examplesResponseSchema } from './example-schema.js';
import { EXAMPLES } from './gallery.js';
import { COLUMN_PX, ROW_PX } from './layout.js';

describe('the teaching gallery', () => {
  it('is a valid GET /api/examples body with unique ids', () => {
    expect(examplesResponseSchema.safeParse({ examples: EXAMPLES }).error).toBeUndefined();
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
  });

  describe.each(EXAMPLES.map((e) => [e.id, e] as const))('%s', (_id, example) => {
    it('has a title, a two-line summary and 3–5 steps of look / change / see / why', () => {
      const parsed = exampleSchema.parse(example);
      expect(parsed.summary.split('\n')).toHaveLength(2);
      expect(parsed.lesson.steps.length).toBeGreaterThanOrEqual(3);
      expect(parsed.lesson.steps.length).toBeLessThanOrEqual(5);
      expect(parsed.graph.name).toBe(parsed.title);
    });

    it('compiles', () => {
      const result = compileGraph(example.graph);
      expect(result.ok ? [] : result.issues).toEqual([]);
    });

    it('is laid out left to right on the grid, with readable ids', () => {
      const nodes = new Map(example.graph.nodes.map((n) => [n.id, n.position!]));
      for (const [id, { x, y }] of nodes) {
        expect(id).toMatch(/^[a-z][a-z-]*[a-z]$/);
        expect(x % COLUMN_PX, `${id} x`).toBe(0);
        expect(y % ROW_PX, `${id} y`).toBe(0);
      }
      const cells = [...nodes.values()].map(({ x, y }) => `${x},${y}`);
      expect(new Set(cells).size, 'two nodes in one place').toBe(cells.length);
      for (const e of example.graph.edges ?? []) {
        expect(e.id).toMatch(/^[a-z][a-z-]*[a-z]$/);
        const [from, to] = [nodes.get(e.source)!, nodes.get(e.target)!];
        // Left to right, or (a long pipeline) wrapped like a line of text to the start of a lower row.
        const wraps = to.y > from.y && to.x === 0;
        expect(wraps || from.x < to.x, `edge ${e.id} goes left to right, or wraps to a lower row`).toBe(true);
      }
    });

    it('writes each step’s live change as a patch the run would accept, in order', () => {
      // ARRANGE: the params in effect, as the run's plan would hold them
      const compiled = compileGraph(example.graph);
      if (!compiled.ok) throw new Error('does not compile');
      const params = new Map(compiled.plan.nodes.map((n) => [n.id, { kind: n.kind, params: n.params }]));
      const edges = new Set(compiled.plan.edges.map((e) => e.id));
      // ACT + ASSERT: every patch applies on top of the ones before it
      for (const step of example.lesson.steps) {
        for (const [nodeId, patch] of Object.entries(step.patch?.nodes ?? {})) {
          const node = params.get(nodeId);
          expect(node, `step "${step.change}" names node ${nodeId}`).toBeDefined();
          const result = applyLivePatch(node!.kind, nodeId, node!.params, patch);
          expect(result.ok ? [] : result.issues).toEqual([]);
          if (result.ok) node!.params = result.params;
        }
        for (const edgeId of Object.keys(step.patch?.edges ?? {})) {
          expect(edges.has(edgeId), `step "${step.change}" names edge ${edgeId}`).toBe(true);
        }
      }
    });
  });
});
