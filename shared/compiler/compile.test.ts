import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile.js';
import { applyLivePatch } from './live-params.js';

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params });
const edge = (id: string, source: string, target: string, extra: Record<string, unknown> = {}) => ({
  id,
  source,
  target,
  ...extra,
});

describe('compileGraph', () => {
  it('builds a plan in topological order with defaults resolved', () => {
    // ARRANGE — out ← work ← src, declared out of order
    //   src ──e1──▶ work ──e2──▶ out
    const doc = {
      schemaVersion: 1,
      nodes: [node('out', 'counter'), node('work', 'worker', { serviceTimeMs: 2 }), node('src', 'generator')],
      edges: [edge('e2', 'work', 'out'), edge('e1', 'src', 'work')],
    };
    // ACT
    const result = compileGraph(doc);
    // ASSERT
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.plan.nodes.map((n) => n.id)).toEqual(['src', 'work', 'out']);
    expect(result.plan.nodes[0]!.params).toMatchObject({ rate: 100, loop: 'closed' });
    expect(result.plan.nodes[1]!.params).toMatchObject({ serviceTimeMs: 2, concurrency: 1 });
    expect(result.plan.edges[1]).toMatchObject({
      capacity: 64,
      overflow: 'block',
      sourcePort: 'out',
      targetPort: 'in',
    });
    expect(result.plan.nodes[1]!.outputs).toEqual({ out: ['e2'], error: [] });
  });

  it('reports every problem at once, each naming its node or edge and field', () => {
    // ARRANGE
    //   src ──e1──▶ work(kind typo)     ghost ◀──e2── src     lonely(counter, unfed)
    const doc = {
      schemaVersion: 1,
      nodes: [
        node('src', 'generator', { rate: -1, colour: 'red' }),
        node('work', 'wrker'),
        node('lonely', 'counter'),
      ],
      edges: [
        edge('e1', 'src', 'work'),
        edge('e2', 'src', 'ghost'),
        edge('e3', 'src', 'lonely', { sourcePort: 'err' }),
      ],
    };
    // ACT
    const result = compileGraph(doc);
    // ASSERT
    if (result.ok) throw new Error('should not compile');
    const at = (path: string) => result.issues.find((i) => i.path === path);
    expect(at('nodes.0.params.rate')).toMatchObject({ nodeId: 'src' });
    expect(at('nodes.0.params')).toMatchObject({ nodeId: 'src', message: expect.stringContaining('colour') });
    expect(at('nodes.1.kind')).toMatchObject({ nodeId: 'work', message: expect.stringContaining('"wrker"') });
    expect(at('edges.1.target')).toMatchObject({ edgeId: 'e2', message: expect.stringContaining('"ghost"') });
    expect(at('edges.2.sourcePort')).toMatchObject({
      edgeId: 'e3',
      message: expect.stringContaining('"err"'),
    });
  });

  it('rejects cycles, naming the nodes on them', () => {
    // ARRANGE
    //   src ──▶ a ──▶ b ──▶ sink
    //           ▲     │
    //           └─────┘
    const doc = {
      schemaVersion: 1,
      nodes: [node('src', 'generator'), node('a', 'worker'), node('b', 'worker'), node('sink', 'counter')],
      edges: [edge('e1', 'src', 'a'), edge('e2', 'a', 'b'), edge('e3', 'b', 'a'), edge('e4', 'b', 'sink')],
    };
    const result = compileGraph(doc);
    if (result.ok) throw new Error('should not compile');
    expect(result.issues.filter((i) => i.message.includes('cycle')).map((i) => i.nodeId)).toEqual(
      expect.arrayContaining(['a', 'b']),
    );
  });

  it('flags unconnected inputs, duplicate ids and ports a kind does not have', () => {
    const doc = {
      schemaVersion: 1,
      nodes: [node('src', 'generator'), node('src', 'counter'), node('w', 'worker'), node('c', 'counter')],
      edges: [edge('e1', 'src', 'c'), edge('e1', 'c', 'w', { sourcePort: 'out' })],
    };
    const result = compileGraph(doc);
    if (result.ok) throw new Error('should not compile');
    const messages = result.issues.map((i) => i.message).join('\n');
    expect(messages).toContain('duplicate node id "src"');
    expect(messages).toContain('duplicate edge id "e1"');
    expect(messages).toContain('has no output port "out" (it has no outputs)');
  });

  it('refuses prototype-poisoning keys anywhere in the document', () => {
    const doc = JSON.parse(
      '{"schemaVersion":1,"nodes":[{"id":"a","kind":"counter","params":{"constructor":{"prototype":{"x":1}}}}]}',
    );
    const result = compileGraph(doc);
    if (result.ok) throw new Error('should not compile');
    expect(result.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['nodes.0.params.constructor', 'nodes.0.params.constructor.prototype']),
    );
  });

  it('refuses prototype names as node or edge ids', () => {
    const result = compileGraph({
      schemaVersion: 1,
      nodes: [
        { id: '__proto__', kind: 'counter' },
        { id: 'constructor', kind: 'counter' },
      ],
    });
    if (result.ok) throw new Error('should not compile');
    expect(result.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['nodes.0.id', 'nodes.1.id']));
  });

  it('requires a schema version and well-formed ids', () => {
    const result = compileGraph({ nodes: [{ id: 'has space', kind: 'counter' }] });
    if (result.ok) throw new Error('should not compile');
    expect(result.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['schemaVersion', 'nodes.0.id']));
  });
});

describe('applyLivePatch', () => {
  it('accepts live params, refuses the others and out-of-range values, naming them', () => {
    const current = { serviceTimeMs: 10, distribution: 'constant', concurrency: 1, failureRate: 0 };
    expect(applyLivePatch('worker', 'w', current, { concurrency: 8 })).toMatchObject({
      ok: true,
      params: { concurrency: 8, serviceTimeMs: 10, errorPolicy: 'fail' },
    });
    const notLive = applyLivePatch('generator', 'g', {}, { loop: 'open' });
    expect(notLive).toMatchObject({
      ok: false,
      issues: [{ nodeId: 'g', message: expect.stringContaining('cannot change') }],
    });
    const range = applyLivePatch('worker', 'w', current, { concurrency: 0 });
    expect(range).toMatchObject({ ok: false, issues: [{ path: 'nodes.w.concurrency' }] });
    expect(applyLivePatch('worker', 'w', current, { colour: 1 })).toMatchObject({ ok: false });
  });
});
