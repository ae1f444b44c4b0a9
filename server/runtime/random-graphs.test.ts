import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Run, type RunResult, startRun } from './start-run.js';
import { planOf } from './test-graphs.js';

/** A random DAG: src → workers → sinks. Every worker and sink has an input from an earlier node. */
const dagArb = fc
  .record({
    count: fc.integer({ min: 1, max: 1500 }),
    workers: fc.array(fc.record({ concurrency: fc.integer({ min: 1, max: 3 }), from: fc.nat() }), {
      maxLength: 4,
    }),
    sinks: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
    extra: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    capacities: fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 12, maxLength: 12 }),
  })
  .map(({ count, workers, sinks, extra, capacities }) => {
    const upstream = ['src', ...workers.map((_, i) => `w${i}`)];
    const edges: Array<[string, string]> = [];
    workers.forEach((w, i) => {
      edges.push([upstream[w.from % (i + 1)]!, `w${i}`]);
    });
    sinks.forEach((from, i) => {
      edges.push([upstream[from % upstream.length]!, `s${i}`]);
    });
    const later = [...workers.map((_, i) => `w${i}`), ...sinks.map((_, i) => `s${i}`)];
    const all = ['src', ...later];
    for (const [a, b] of extra) {
      const ai = a % all.length;
      const bi = b % all.length;
      if (bi <= ai || all[ai]!.startsWith('s')) continue;
      if (!edges.some(([x, y]) => x === all[ai] && y === all[bi])) edges.push([all[ai]!, all[bi]!]);
    }
    return { count, workers, sinks, edges, capacities };
  });

/** A run that does not finish within 10 s is a deadlock: stop it and fail with the graph. */
async function completes(run: Run, graph: unknown): Promise<RunResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      run.stop('abort');
      reject(new Error(`run did not complete (deadlock?): ${JSON.stringify(graph)}`));
    }, 10_000);
  });
  try {
    return await Promise.race([run.done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Number of distinct paths from src to each node. */
function pathCounts(edges: Array<[string, string]>, order: string[]): Map<string, number> {
  const paths = new Map<string, number>([['src', 1]]);
  for (const id of order) {
    if (id === 'src') continue;
    paths.set(
      id,
      edges.filter(([, b]) => b === id).reduce((sum, [a]) => sum + (paths.get(a) ?? 0), 0),
    );
  }
  return paths;
}

describe('runs over random graphs (property)', () => {
  it('under block nothing is lost or duplicated: each sink gets every item once per path', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, async (g) => {
        const order = ['src', ...g.workers.map((_, i) => `w${i}`), ...g.sinks.map((_, i) => `s${i}`)];
        const plan = planOf(
          [
            ['src', 'generator', { rate: null, count: g.count }],
            ...g.workers.map(
              (w, i) =>
                [`w${i}`, 'worker', { serviceTimeMs: 0, concurrency: w.concurrency }] as [
                  string,
                  string,
                  Record<string, unknown>,
                ],
            ),
            ...g.sinks.map((_, i) => [`s${i}`, 'counter', {}] as [string, string, Record<string, unknown>]),
          ] as never,
          g.edges.map(([a, b], i) => [a, b, { capacity: g.capacities[i % g.capacities.length] }]),
        );
        const seen = new Map<string, Map<number, number>>();
        const result = await completes(
          startRun(plan, {
            runId: 'p',
            telemetryHz: 0,
            probe: (sink, items) => {
              const m = seen.get(sink) ?? new Map<number, number>();
              seen.set(sink, m);
              for (const it of items) m.set(it.id as number, (m.get(it.id as number) ?? 0) + 1);
            },
          }),
          g,
        );
        expect(result.status).toBe('completed');
        const paths = pathCounts(g.edges, order);
        g.sinks.forEach((_, i) => {
          const want = paths.get(`s${i}`)!;
          const got = seen.get(`s${i}`) ?? new Map();
          expect(got.size).toBe(want === 0 ? 0 : g.count);
          for (const n of got.values()) expect(n).toBe(want);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('along a chain of single workers, order is kept', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 5, maxLength: 5 }),
        async (k, caps) => {
          const ids = Array.from({ length: k }, (_, i) => `w${i}`);
          const chain = ['src', ...ids, 'out'];
          const plan = planOf(
            [
              ['src', 'generator', { rate: null, count: 3000 }],
              ...ids.map(
                (id) => [id, 'worker', { serviceTimeMs: 0 }] as [string, string, Record<string, unknown>],
              ),
              ['out', 'counter'],
            ],
            chain.slice(1).map((id, i) => [chain[i]!, id, { capacity: caps[i] }]),
          );
          const got: number[] = [];
          await startRun(plan, {
            runId: 'p',
            telemetryHz: 0,
            probe: (_s, items) => got.push(...items.map((x) => x.id as number)),
          }).done;
          expect(got).toEqual(Array.from({ length: 3000 }, (_, i) => i));
        },
      ),
      { numRuns: 20 },
    );
  });

  it('under drop policies emitted = delivered + dropped, exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('drop-newest', 'drop-oldest'),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 200, max: 3000 }),
        async (overflow, capacity, count) => {
          //   src(fast) ──[drop, cap]──▶ slow(0.05 ms) ──[drop, cap]──▶ out
          const plan = planOf(
            [
              ['src', 'generator', { rate: 200_000, count }],
              ['slow', 'worker', { serviceTimeMs: 0.05 }],
              ['out', 'counter'],
            ],
            [
              ['src', 'slow', { capacity, overflow }],
              ['slow', 'out', { capacity, overflow }],
            ],
          );
          let delivered = 0;
          const result = await startRun(plan, {
            runId: 'p',
            telemetryHz: 0,
            probe: (_s, items) => (delivered += items.length),
          }).done;
          expect(result.status).toBe('completed');
          expect(result.totals.emitted).toBe(count);
          expect(result.totals.delivered).toBe(delivered);
          expect(result.totals.delivered + result.totals.dropped).toBe(count);
        },
      ),
      { numRuns: 25 },
    );
  });
});
