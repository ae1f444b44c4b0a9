import { describe, expect, it } from 'vitest';
import type { PartPlan } from '../protocol/cluster.js';
import { compileGraph } from './compile.js';
import { brokerNames, partitionPlan } from './partition-plan.js';
import type { Plan } from './plan.js';

type Extra = Record<string, unknown>;
const node = (id: string, kind: string, extra: Extra = {}) => ({ id, kind, ...extra });
const edge = (id: string, source: string, target: string, extra: Extra = {}) => ({
  id,
  source,
  target,
  ...extra,
});

function planOf(nodes: object[], edges: object[]): Plan {
  const r = compileGraph({ schemaVersion: 1, nodes, edges }, { natsConfigured: true });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.plan;
}

/** Each part as `partId: nodes | edges | role per broker edge`, to compare a whole partition at once. */
const summary = (parts: PartPlan[]) =>
  parts.map((p) => ({
    partId: p.partId,
    process: p.process,
    replica: `${p.replica}/${p.replicaCount}`,
    nodes: p.plan.nodes.map((n) => n.id),
    edges: p.plan.edges.map((e) => e.id),
    roles: Object.fromEntries(p.brokerEdges.map((b) => [b.edgeId, b.role])),
  }));

describe('partitionPlan', () => {
  it('gives each process one part, keeps memory edges inside and cuts at nats edges', () => {
    // ARRANGE — three processes
    //   [main]  gen ──m1──▶ map ─┐
    //                            n1 (nats)
    //   [work]          ┌────────┘
    //                   ▼
    //                 worker ──m2──▶ filter ──n2──▶ [sink] count
    const plan = planOf(
      [
        node('gen', 'generator'),
        node('map', 'map'),
        node('worker', 'worker', { process: 'work' }),
        node('filter', 'filter', { process: 'work' }),
        node('count', 'counter', { process: 'sink' }),
      ],
      [
        edge('m1', 'gen', 'map'),
        edge('n1', 'map', 'worker'),
        edge('m2', 'worker', 'filter'),
        edge('n2', 'filter', 'count'),
      ],
    );
    // ACT
    const parts = partitionPlan(plan, 'run1');
    // ASSERT
    expect(summary(parts)).toEqual([
      {
        partId: 'main',
        process: 'main',
        replica: '0/1',
        nodes: ['gen', 'map'],
        edges: ['m1', 'n1'],
        roles: { n1: 'publish' },
      },
      {
        partId: 'work',
        process: 'work',
        replica: '0/1',
        nodes: ['worker', 'filter'],
        edges: ['n1', 'm2', 'n2'],
        roles: { n1: 'consume', n2: 'publish' },
      },
      {
        partId: 'sink',
        process: 'sink',
        replica: '0/1',
        nodes: ['count'],
        edges: ['n2'],
        roles: { n2: 'consume' },
      },
    ]);
    const n1 = parts[1]!.brokerEdges.find((b) => b.edgeId === 'n1')!;
    expect(n1).toMatchObject({ ...brokerNames('run1', 'n1'), capacity: 64, overflow: 'block' });
  });

  it('runs a replicated worker ×3 as three parts sharing its broker edges', () => {
    // ARRANGE
    //   gen ──in──▶ work ×3 ──out──▶ count
    const plan = planOf(
      [node('gen', 'generator'), node('work', 'worker', { replicas: 3 }), node('count', 'counter')],
      [edge('in', 'gen', 'work', { capacity: 10, overflow: 'drop-newest' }), edge('out', 'work', 'count')],
    );
    // ACT
    const parts = partitionPlan(plan, 'run1');
    // ASSERT
    expect(summary(parts)).toEqual([
      {
        partId: 'main',
        process: 'main',
        replica: '0/1',
        nodes: ['gen', 'count'],
        edges: ['in', 'out'],
        roles: { in: 'publish', out: 'consume' },
      },
      ...[0, 1, 2].map((i) => ({
        partId: `work#${i}`,
        process: 'main',
        replica: `${i}/3`,
        nodes: ['work'],
        edges: ['in', 'out'],
        roles: { in: 'consume', out: 'publish' },
      })),
    ]);
    // One stream and one durable consumer per edge, whichever replica asks.
    const streams = new Set(
      parts.slice(1).map((p) => `${p.brokerEdges[0]!.stream}/${p.brokerEdges[0]!.consumer}`),
    );
    expect(streams).toEqual(new Set([`${brokerNames('run1', 'in').stream}/c`]));
    expect(parts[1]!.brokerEdges[0]).toMatchObject({ capacity: 10, overflow: 'drop-newest' });
    // `in` has one publisher (it can keep order); `out` has the three replicas.
    const publishers = (p: (typeof parts)[number]) =>
      Object.fromEntries(p.brokerEdges.map((b) => [b.edgeId, b.publishers]));
    expect(parts.map(publishers)).toEqual([
      { in: 1, out: 3 },
      { in: 1, out: 3 },
      { in: 1, out: 3 },
      { in: 1, out: 3 },
    ]);
  });

  it('gives a nats edge inside one process the role both', () => {
    // ARRANGE — one process, one edge explicitly on the broker
    //   gen ══n (nats)══▶ count
    const plan = planOf(
      [node('gen', 'generator'), node('count', 'counter')],
      [edge('n', 'gen', 'count', { transport: 'nats' })],
    );
    // ACT
    const parts = partitionPlan(plan, 'run1');
    // ASSERT
    expect(summary(parts)).toEqual([
      {
        partId: 'main',
        process: 'main',
        replica: '0/1',
        nodes: ['gen', 'count'],
        edges: ['n'],
        roles: { n: 'both' },
      },
    ]);
  });

  it('fans out to a replicated node beside an unreplicated one', () => {
    // ARRANGE
    //                 ┌──a──▶ log
    //   gen (proc p) ─┤
    //                 └──b──▶ work ×2 (proc q)
    const plan = planOf(
      [
        node('gen', 'generator', { process: 'p' }),
        node('log', 'log', { process: 'p' }),
        node('work', 'worker', { process: 'q', replicas: 2 }),
      ],
      [edge('a', 'gen', 'log'), edge('b', 'gen', 'work')],
    );
    // ACT
    const parts = partitionPlan(plan, 'run1');
    // ASSERT — a stays a memory edge inside p; b is published once and shared by both replicas
    expect(plan.edges.map((e) => e.transport)).toEqual([undefined, 'nats']);
    expect(summary(parts)).toEqual([
      {
        partId: 'p',
        process: 'p',
        replica: '0/1',
        nodes: ['gen', 'log'],
        edges: ['a', 'b'],
        roles: { b: 'publish' },
      },
      {
        partId: 'work#0',
        process: 'q',
        replica: '0/2',
        nodes: ['work'],
        edges: ['b'],
        roles: { b: 'consume' },
      },
      {
        partId: 'work#1',
        process: 'q',
        replica: '1/2',
        nodes: ['work'],
        edges: ['b'],
        roles: { b: 'consume' },
      },
    ]);
  });

  it('refuses a plan whose memory edge crosses parts (one not made by the compiler)', () => {
    // ARRANGE — gen [a] ──m (memory)──▶ count [b], built by hand
    const plan = planOf([node('gen', 'generator'), node('count', 'counter')], [edge('m', 'gen', 'count')]);
    plan.nodes[1]!.process = 'b';
    // ACT / ASSERT
    expect(() => partitionPlan(plan, 'run1')).toThrow(/edge "m" is a memory edge between parts/);
  });
});

describe('brokerNames', () => {
  it('names streams and subjects with safe characters, keeping ids with . and : apart', () => {
    // ARRANGE — ids that sanitise to the same text
    const ids = ['a.b', 'a:b', 'a_b', 'a-b', 'A.b', 'split.out:0'];
    // ACT
    const names = ids.map((id) => brokerNames('Xy_9-z', id));
    // ASSERT
    for (const n of names) {
      expect(n.stream).toMatch(/^sluice_Xy_9-z_[A-Za-z0-9_-]+$/);
      expect(n.subject).toMatch(/^sluice\.items\.Xy_9-z\.[A-Za-z0-9_-]+$/);
      expect(n.subject.split('.').at(-1)).toBe(n.stream.slice('sluice_Xy_9-z_'.length));
      expect(n.consumer).toBe('c');
    }
    expect(new Set(names.map((n) => n.stream)).size).toBe(ids.length);
    // Lower-case-insensitively apart too (streams are directories on a possibly case-insensitive disk).
    expect(new Set(names.map((n) => n.stream.toLowerCase())).size).toBe(ids.length);
    expect(brokerNames('r', 'a.b')).toEqual(brokerNames('r', 'a.b'));
  });

  it('refuses a run id that would break a subject', () => {
    expect(() => brokerNames('r.1', 'e')).toThrow(/run id "r.1"/);
  });
});
