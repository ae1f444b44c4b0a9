import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile.js';
import { compileExpressions } from './compile-expressions.js';
import { parseDocument } from './parse-document.js';
import { resolveParams } from './resolve-params.js';

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params });
const edge = (id: string, source: string, target: string, extra: Record<string, unknown> = {}) => ({
  id,
  source,
  target,
  ...extra,
});

/** Runs the passes before this one, then this one. */
function passOn(nodes: ReturnType<typeof node>[]) {
  const doc = parseDocument({ schemaVersion: 1, nodes, edges: [] });
  if (!doc.ok) throw new Error(JSON.stringify(doc.issues));
  const { params, issues } = resolveParams(doc.value);
  return { ...compileExpressions(doc.value, params), paramIssues: issues };
}

describe('compileExpressions', () => {
  it('points a syntax error at its position in the param', () => {
    // ARRANGE — `value +* 2`: the `*` at 7 cannot start an operand
    const nodes = [node('m', 'map', { expression: 'value +* 2' })];
    // ACT
    const { issues } = passOn(nodes);
    // ASSERT
    expect(issues).toEqual([
      { path: 'nodes.0.params.expression', nodeId: 'm', message: expect.stringMatching(/at 7\b/) },
    ]);
  });

  it('names an unknown function, and reports every bad expression of every node at once', () => {
    // ARRANGE
    const nodes = [
      node('f', 'filter', { expression: 'lowr(level) == "error"' }),
      node('ok', 'map', { expression: 'value * 2' }),
      node('w', 'window', { field: 'latencyMs', key: 'route +' }),
    ];
    // ACT
    const { issues, compiled } = passOn(nodes);
    // ASSERT
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ path: 'nodes.0.params.expression', nodeId: 'f' });
    expect(issues[0]!.message).toContain("'lowr'");
    expect(issues[0]!.message).toMatch(/at 0\b/);
    expect(issues[1]).toMatchObject({ path: 'nodes.2.params.key', nodeId: 'w' });
    expect(compiled.get('ok')!.get('expression')!.evaluate({ value: 21 })).toBe(42);
    expect(compiled.get('w')!.has('field')).toBe(true);
  });

  it('compiles defaults, and skips nodes whose params did not resolve (their issues come from that pass)', () => {
    // ARRANGE — `b` has an invalid param, so its (also broken) expression is not looked at
    const nodes = [node('a', 'partition'), node('b', 'map', { expression: '(', field: '9lives' })];
    // ACT
    const { issues, compiled, paramIssues } = passOn(nodes);
    // ASSERT
    expect(issues).toEqual([]);
    expect(paramIssues.map((i) => i.path)).toEqual(['nodes.1.params.field']);
    expect(compiled.get('a')!.get('key')!.evaluate({ key: 'k1' })).toBe('k1');
    expect(compiled.has('b')).toBe(false);
  });
});

describe('compileGraph with expressions and param rules', () => {
  it('refuses a graph whose filter does not compile, with the issue located for the client', () => {
    // ARRANGE
    //   src ──e1──▶ f(filter "id %% 2") ──e2──▶ out
    const doc = {
      schemaVersion: 1,
      nodes: [
        node('src', 'generator'),
        node('f', 'filter', { expression: 'id %% 2' }),
        node('out', 'counter'),
      ],
      edges: [edge('e1', 'src', 'f'), edge('e2', 'f', 'out')],
    };
    // ACT
    const result = compileGraph(doc);
    // ASSERT
    if (result.ok) throw new Error('should not compile');
    expect(result.issues).toEqual([
      { path: 'nodes.1.params.expression', nodeId: 'f', message: expect.stringMatching(/at 4\b/) },
    ]);
  });

  it('checks rules between params: a sliding window’s slide within its size, an anomaly’s warm-up within its window', () => {
    // ARRANGE
    //   src ──▶ w(sliding, slide > size) ──▶ a(warmup > window) ──▶ out
    const doc = {
      schemaVersion: 1,
      nodes: [
        node('src', 'generator'),
        node('w', 'window', { type: 'sliding', sizeMs: 1000, slideMs: 2000 }),
        node('a', 'anomaly', { windowSize: 5, warmupPoints: 10 }),
        node('out', 'counter'),
      ],
      edges: [edge('e1', 'src', 'w'), edge('e2', 'w', 'a'), edge('e3', 'a', 'out')],
    };
    // ACT
    const result = compileGraph(doc);
    // ASSERT
    if (result.ok) throw new Error('should not compile');
    expect(result.issues.map((i) => [i.path, i.nodeId])).toEqual([
      ['nodes.1.params.slideMs', 'w'],
      ['nodes.2.params.warmupPoints', 'a'],
    ]);
  });
});
