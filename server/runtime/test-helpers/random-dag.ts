import fc from 'fast-check';
import type { Plan } from '../../../shared/compiler/plan.js';
import type { Overflow } from '../../../shared/graph/graph-schema.js';
import { planOf } from '../test-graphs.js';

export interface DagWorker {
  concurrency: number;
  serviceTimeMs: number;
  distribution: 'constant' | 'uniform' | 'exponential';
}

export interface DagEdge {
  from: string;
  to: string;
  capacity: number;
  overflow: Overflow;
}

/** `src` → workers `w0…` → sinks `s0…`, edges only from earlier to later nodes (so a DAG). */
export interface RandomDag {
  count: number;
  /** Source rate in items/s; null = as fast as the graph accepts. */
  rate: number | null;
  workers: DagWorker[];
  sinks: number;
  edges: DagEdge[];
}

const workerArb = fc.record({
  concurrency: fc.integer({ min: 1, max: 3 }),
  // In µs steps: fc.double leans to denormals, which are all "0 ms" to a run.
  serviceTimeMs: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 200 }).map((us) => us / 1000),
  ),
  distribution: fc.constantFrom('constant', 'uniform', 'exponential') as fc.Arbitrary<
    DagWorker['distribution']
  >,
});

/**
 * Random DAGs with a random capacity (0..32) and overflow policy per edge. Every worker and sink
 * has at least one input from an earlier node; a few extra edges make fan-out and fan-in.
 *
 * @example fc.asyncProperty(randomDag({ overflow: fc.constant('block') }), async (g) => { … })
 */
export function randomDag(opts: {
  overflow: fc.Arbitrary<Overflow>;
  maxCount?: number;
  rate?: fc.Arbitrary<number | null>;
}): fc.Arbitrary<RandomDag> {
  const edgeArb = fc.record({
    capacity: fc.oneof(
      { arbitrary: fc.constant(0), weight: 1 },
      { arbitrary: fc.integer({ min: 1, max: 32 }), weight: 4 },
    ),
    overflow: opts.overflow,
  });
  return fc
    .record({
      count: fc.integer({ min: 1, max: opts.maxCount ?? 400 }),
      rate: opts.rate ?? fc.constant(null),
      workers: fc.array(fc.tuple(workerArb, fc.nat()), { maxLength: 4 }),
      sinks: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
      extra: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
      edgeParams: fc.array(edgeArb, { minLength: 12, maxLength: 12 }),
    })
    .map(({ count, rate, workers, sinks, extra, edgeParams }) => {
      const upstream = ['src', ...workers.map((_, i) => `w${i}`)];
      const pairs: Array<[string, string]> = [];
      workers.forEach(([, from], i) => {
        pairs.push([upstream[from % (i + 1)]!, `w${i}`]);
      });
      sinks.forEach((from, i) => {
        pairs.push([upstream[from % upstream.length]!, `s${i}`]);
      });
      const all = ['src', ...workers.map((_, i) => `w${i}`), ...sinks.map((_, i) => `s${i}`)];
      for (const [a, b] of extra) {
        const ai = a % all.length;
        const bi = b % all.length;
        if (bi <= ai || all[ai]!.startsWith('s')) continue;
        if (!pairs.some(([x, y]) => x === all[ai] && y === all[bi])) pairs.push([all[ai]!, all[bi]!]);
      }
      const edges = pairs.map(([from, to], i) => ({ from, to, ...edgeParams[i % edgeParams.length]! }));
      return { count, rate, workers: workers.map(([w]) => w), sinks: sinks.length, edges };
    });
}

/** Node ids in topological order (the order they were made in). */
export function orderOf(g: RandomDag): string[] {
  return ['src', ...g.workers.map((_, i) => `w${i}`), ...Array.from({ length: g.sinks }, (_, i) => `s${i}`)];
}

export function sinkIds(g: RandomDag): string[] {
  return Array.from({ length: g.sinks }, (_, i) => `s${i}`);
}

export function planOfDag(g: RandomDag): Plan {
  return planOf(
    [
      ['src', 'generator', { rate: g.rate, count: g.count }],
      ...g.workers.map((w, i): [string, string, Record<string, unknown>] => [`w${i}`, 'worker', { ...w }]),
      ...sinkIds(g).map((id): [string, string] => [id, 'counter']),
    ],
    g.edges.map((e) => [e.from, e.to, { capacity: e.capacity, overflow: e.overflow }]),
  );
}

/** Number of distinct paths from `src` to each node. */
export function pathsFromSource(g: RandomDag): Map<string, number> {
  const paths = new Map<string, number>([['src', 1]]);
  for (const id of orderOf(g).slice(1))
    paths.set(
      id,
      g.edges.filter((e) => e.to === id).reduce((sum, e) => sum + (paths.get(e.from) ?? 0), 0),
    );
  return paths;
}

/** Number of distinct paths from each node to any sink (a sink counts itself once). */
export function pathsToSinks(g: RandomDag): Map<string, number> {
  const down = new Map<string, number>();
  for (const id of orderOf(g).reverse())
    down.set(
      id,
      id.startsWith('s')
        ? 1
        : g.edges.filter((e) => e.from === id).reduce((sum, e) => sum + (down.get(e.to) ?? 0), 0),
    );
  return down;
}

/** Sinks reached by exactly one path, through workers of concurrency 1 only: order must hold there. */
export function orderedSinks(g: RandomDag): string[] {
  const paths = pathsFromSource(g);
  return sinkIds(g).filter((s) => {
    if (paths.get(s) !== 1) return false;
    let at = s;
    while (at !== 'src') {
      const into = g.edges.filter((e) => e.to === at && (paths.get(e.from) ?? 0) > 0);
      if (into.length !== 1) return false;
      at = into[0]!.from;
      if (at.startsWith('w') && g.workers[Number(at.slice(1))]!.concurrency !== 1) return false;
    }
    return true;
  });
}

/** An ASCII listing of a random DAG, for failure messages. */
export function describeDag(g: RandomDag): string {
  const nodes = g.workers.map(
    (w, i) => `w${i}(${w.serviceTimeMs.toFixed(3)} ms ${w.distribution} ×${w.concurrency})`,
  );
  const edges = g.edges.map((e) => `${e.from} ──[${e.capacity} ${e.overflow}]──▶ ${e.to}`);
  return [`src(${g.count} items, rate ${g.rate ?? '∞'})`, ...nodes, ...edges].join('\n');
}
