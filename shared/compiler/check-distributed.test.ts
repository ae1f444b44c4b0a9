import { describe, expect, it } from 'vitest';
import { kinds } from '../catalog/catalog.js';
import type { KindDeclaration } from '../catalog/define-kind.js';
import { type CompileOptions, compileGraph } from './compile.js';
import type { Issue } from './issue.js';

type Extra = Record<string, unknown>;
const node = (id: string, kind: string, extra: Extra = {}) => ({ id, kind, ...extra });
const edge = (id: string, source: string, target: string, extra: Extra = {}) => ({
  id,
  source,
  target,
  ...extra,
});

function issuesOf(
  nodes: object[],
  edges: object[],
  options: CompileOptions = { natsConfigured: true },
): Issue[] {
  const r = compileGraph({ schemaVersion: 1, nodes, edges }, options);
  return r.ok ? [] : r.issues;
}

describe('checkDistributed', () => {
  it('refuses a rendezvous on a broker edge, explicit or implied', () => {
    // ARRANGE
    //   gen ══e1 (nats, cap 0)══▶ a      gen ──e2 (cap 0)──▶ b [process w]
    const nodes = [node('gen', 'generator'), node('a', 'counter'), node('b', 'counter', { process: 'w' })];
    const edges = [
      edge('e1', 'gen', 'a', { transport: 'nats', capacity: 0 }),
      edge('e2', 'gen', 'b', { capacity: 0 }),
    ];
    // ACT
    const issues = issuesOf(nodes, edges);
    // ASSERT
    expect(issues.map((i) => [i.path, i.edgeId])).toEqual([
      ['edges.0.capacity', 'e1'],
      ['edges.1.capacity', 'e2'],
    ]);
    expect(issues[0]!.message).toMatch(/^a rendezvous \(capacity 0\) cannot cross a broker/);
  });

  it('refuses expireMs on a broker edge (no Sluice queue head there), keeps it on a memory edge', () => {
    // ARRANGE — gen ══e1 (nats, expireMs)══▶ a      gen ──e2 (expireMs)──▶ b
    const nodes = [node('gen', 'generator'), node('a', 'counter'), node('b', 'counter')];
    const edges = [
      edge('e1', 'gen', 'a', { transport: 'nats', expireMs: 100 }),
      edge('e2', 'gen', 'b', { expireMs: 100 }),
    ];
    // ACT
    const issues = issuesOf(nodes, edges);
    // ASSERT
    expect(issues.map((i) => [i.path, i.edgeId])).toEqual([['edges.0.expireMs', 'e1']]);
    expect(issues[0]!.message).toMatch(/not available on broker/);
  });

  it('allows a rendezvous on a memory edge inside one process', () => {
    // ARRANGE — gen ──e (cap 0)──▶ count, both in w
    const nodes = [node('gen', 'generator', { process: 'w' }), node('count', 'counter', { process: 'w' })];
    // ACT / ASSERT
    expect(issuesOf(nodes, [edge('e', 'gen', 'count', { capacity: 0 })])).toEqual([]);
  });

  it('refuses replicas on sources and on kinds that declare why, naming the reason', () => {
    // ARRANGE
    //   gen ×2 ──e1──▶ limit ×3 ──e2──▶ work ×4 ──e3──▶ count ×2
    const nodes = [
      node('gen', 'generator', { replicas: 2 }),
      node('limit', 'rate-limit', { replicas: 3 }),
      node('work', 'worker', { replicas: 4 }),
      node('count', 'counter', { replicas: 2 }),
    ];
    const edges = [edge('e1', 'gen', 'limit'), edge('e2', 'limit', 'work'), edge('e3', 'work', 'count')];
    // ACT
    const issues = issuesOf(nodes, edges);
    // ASSERT — worker and counter may be replicated; the source and the limiter may not
    expect(issues.map((i) => [i.path, i.nodeId])).toEqual([
      ['nodes.0.replicas', 'gen'],
      ['nodes.1.replicas', 'limit'],
    ]);
    expect(issues[0]!.message).toMatch(
      /"gen" \(generator\) cannot have replicas 2: a source makes the stream/,
    );
    expect(issues[1]!.message).toMatch(/replicas 3: each replica would let the full rate through/);
  });

  it('declares every source unreplicable through its category', () => {
    // ARRANGE
    const all = Object.values(kinds) as unknown as KindDeclaration[];
    // ACT
    const sources = all.filter((k) => k.category === 'source');
    // ASSERT
    expect(sources.map((k) => k.kind).sort()).toEqual([
      'file-tail',
      'generator',
      'http-ingest',
      'log-replay',
      'nats-in',
    ]);
    for (const k of sources) expect(k.notReplicable).toMatch(/duplicates/);
    expect(
      all
        .filter((k) => k.notReplicable && k.category !== 'source')
        .map((k) => k.kind)
        .sort(),
    ).toEqual(['anomaly', 'browser', 'file', 'rate-limit', 'window']);
  });

  it('refuses a memory edge between processes or into a replicated node, on its transport field', () => {
    // ARRANGE
    //   gen [main] ──e1 (memory)──▶ a [w]
    //   gen [main] ──e2 (memory)──▶ work ×2 [main]
    //   gen [main] ──e3 (memory)──▶ b [main]          (fine)
    const nodes = [
      node('gen', 'generator'),
      node('a', 'counter', { process: 'w' }),
      node('work', 'worker', { replicas: 2 }),
      node('b', 'counter'),
      node('c', 'counter'),
    ];
    const edges = [
      edge('e1', 'gen', 'a', { transport: 'memory' }),
      edge('e2', 'gen', 'work', { transport: 'memory' }),
      edge('e3', 'gen', 'b', { transport: 'memory' }),
      edge('e4', 'work', 'c'),
    ];
    // ACT
    const issues = issuesOf(nodes, edges);
    // ASSERT
    expect(issues.map((i) => [i.path, i.edgeId])).toEqual([
      ['edges.0.transport', 'e1'],
      ['edges.1.transport', 'e2'],
    ]);
    expect(issues[0]!.message).toMatch(
      /transport memory cannot join process "main" \("gen"\) to process "w" \("a"\)/,
    );
    expect(issues[1]!.message).toMatch(/"work" has 2 replicas/);
  });

  it('names SLUICE_NATS_URL on every distributed field when NATS is not configured', () => {
    // ARRANGE
    //   gen [main] ──e1──▶ work ×2 [w] ══e2 (nats)══▶ count [main, explicit]
    const nodes = [
      node('gen', 'generator'),
      node('work', 'worker', { process: 'w', replicas: 2 }),
      node('count', 'counter', { process: 'main', replicas: 1 }),
    ];
    const edges = [edge('e1', 'gen', 'work'), edge('e2', 'work', 'count', { transport: 'nats' })];
    // ACT
    const off = issuesOf(nodes, edges, { natsConfigured: false });
    const on = issuesOf(nodes, edges, { natsConfigured: true });
    const unchecked = issuesOf(nodes, edges, {});
    // ASSERT — process "main" and replicas 1 say nothing distributed, so they pass
    expect(off.map((i) => i.path)).toEqual(['nodes.1.process', 'nodes.1.replicas', 'edges.1.transport']);
    for (const i of off) expect(i.message).toContain('SLUICE_NATS_URL');
    expect(on).toEqual([]);
    expect(unchecked).toEqual([]);
  });

  it('leaves a one-process plan as it was and fills the distributed fields when used', () => {
    // ARRANGE
    //   gen ──e1──▶ work ×2 [w] ──e2 (memory? no: implied nats)──▶ count     gen ──e3──▶ log
    const nodes = [
      node('gen', 'generator', { process: 'main' }),
      node('work', 'worker', { process: 'w', replicas: 2 }),
      node('count', 'counter', { replicas: 1 }),
      node('log', 'log'),
    ];
    const edges = [
      edge('e1', 'gen', 'work'),
      edge('e2', 'work', 'count'),
      edge('e3', 'gen', 'log', { transport: 'memory' }),
    ];
    // ACT
    const r = compileGraph({ schemaVersion: 1, nodes, edges }, { natsConfigured: true });
    // ASSERT
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const byId = Object.fromEntries(r.plan.nodes.map((n) => [n.id, n]));
    expect([byId.gen!.process, byId.gen!.replicas]).toEqual([undefined, undefined]);
    expect([byId.work!.process, byId.work!.replicas]).toEqual(['w', 2]);
    expect('replicas' in byId.count!).toBe(false);
    expect(r.plan.edges.map((e) => e.transport)).toEqual(['nats', 'nats', undefined]);
    expect('transport' in r.plan.edges[2]!).toBe(false);
  });
});
