import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveFusion } from '../../shared/compiler/fuse-plan.js';
import type { Plan } from '../../shared/compiler/plan.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import type { TraceMessage } from '../../shared/protocol/trace.js';
import type { Item } from './node-behavior.js';
import { type RunResult, startRun } from './start-run.js';
import { planOf } from './test-graphs.js';

const MAPS = ['value * 2', 'id % 7', 'value + id', '(value + 1) * (id % 3)'];
const FILTERS = ['id % 2 == 0', 'value > 10', 'true', 'id % 5 != 1'];

/**
 * A random graph of fusable kinds: a generator, then maps and filters each fed by an earlier node,
 * then counters. Nodes feeding two edges (fan-out) and counters reading one make some edges
 * fusable and others not; capacities vary. The generator has rate null (it heads a fused chain
 * when it feeds one edge) or, now and then, a rate (it keeps its queue).
 */
const graphArb = fc
  .record({
    count: fc.integer({ min: 1, max: 1200 }),
    rate: fc.constantFrom(null, null, null, 50_000),
    /** Only the first step reads the generator: its edge can fuse (when the rate is null). */
    lone: fc.boolean(),
    steps: fc.array(
      fc.record({
        map: fc.boolean(),
        expr: fc.nat({ max: 3 }),
        field: fc.constantFrom('value', 'x'),
        from: fc.nat(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    sinks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    capacity: fc.constantFrom(1, 4, 64, 300),
  })
  .map(({ count, rate, lone, steps, sinks, capacity }) => {
    const nodes: Array<[string, string, Record<string, unknown>]> = [['src', 'generator', { rate, count }]];
    const edges: Array<[string, string, Record<string, unknown>]> = [];
    steps.forEach((s, i) => {
      const id = `n${i}`;
      nodes.push(
        s.map
          ? [id, 'map', { expression: MAPS[s.expr]!, field: s.field }]
          : [id, 'filter', { expression: FILTERS[s.expr]! }],
      );
      const from = lone && i > 0 ? 1 + (s.from % i) : s.from % (i + 1);
      edges.push([nodes[from]![0], id, { capacity }]);
    });
    const upstream = nodes.map((n) => n[0]);
    sinks.forEach((from, i) => {
      nodes.push([`k${i}`, 'counter', {}]);
      const at = lone ? 1 + (from % (upstream.length - 1)) : from % upstream.length;
      edges.push([upstream[at]!, `k${i}`, { capacity }]);
    });
    return { nodes, edges };
  });

/** Runs a plan to its end, keeping what each sink received (copied: `ts` is wall time, left out). */
async function deliver(plan: Plan) {
  const got = new Map<string, Item[]>();
  const frames: TelemetryFrame[] = [];
  const run = startRun(plan, {
    runId: 'fusion',
    telemetryHz: 10,
    onFrame: (f) => frames.push(f),
    probe: (nodeId, items) => {
      const list = got.get(nodeId) ?? [];
      for (const { ts: _ts, ...rest } of items) list.push(rest);
      got.set(nodeId, list);
    },
  });
  const result: RunResult = await run.done;
  // What each node took and sent over the whole run, from the frames' deltas.
  const counts: Record<string, [number, number]> = {};
  for (const f of frames)
    for (const [id, n] of Object.entries(f.nodes)) {
      const c = counts[id] ?? [0, 0];
      counts[id] = c;
      c[0] += n.delta?.in ?? 0;
      c[1] += n.delta?.out ?? 0;
    }
  return { got: Object.fromEntries([...got].sort()), result, last: frames.at(-1)!, counts };
}

describe('fused runs (issue 21 fast path)', () => {
  it('deliver exactly what the unfused run delivers, item for item, on random graphs of fusable kinds', async () => {
    let fusedEdges = 0;
    let sourceHeads = 0;
    await fc.assert(
      fc.asyncProperty(graphArb, async (g) => {
        const plain = await deliver(planOf(g.nodes, g.edges));
        const plan = planOf(g.nodes, g.edges);
        expect(resolveFusion(plan, { all: true })).toEqual([]);
        const fused = await deliver(plan);
        expect(fused.result.status).toBe('completed');
        expect(fused.got).toEqual(plain.got);
        expect(fused.result.totals).toEqual(plain.result.totals);
        for (const e of plan.edges) {
          const f = fused.last.edges[e.id]!;
          // A fused edge still counts what crosses it: as many in as out, nothing ever queued.
          expect(f.fused).toBe(e.fused);
          expect(f.depth).toBe(0);
          if (e.fused) fusedEdges++;
          if (e.fused && e.source === 'src') {
            sourceHeads++;
            // The generator's out count is the map's in count: what crossed the fused edge.
            expect(fused.counts.src![1]).toBe(fused.counts[e.target]![0]);
          }
        }
        // The same graph's counts: every node took and sent what it did unfused.
        expect(fused.counts).toEqual(plain.counts);
      }),
      { numRuns: 60 },
    );
    expect(fusedEdges).toBeGreaterThan(20);
    expect(sourceHeads).toBeGreaterThan(5);
  });

  it('a generator with rate null heads a chain: its edge is fused, in = out, counts kept', async () => {
    const plan = planOf(
      [
        ['src', 'generator', { rate: null, count: 20_000 }],
        ['m', 'map', { expression: 'value * 2' }],
        ['f', 'filter', { expression: 'id % 2 == 0' }],
        ['k', 'counter'],
      ],
      [
        ['src', 'm', { fuse: true }],
        ['m', 'f', { fuse: true }],
        ['f', 'k', { capacity: 4 }],
      ],
    );
    expect(plan.edges.map((e) => e.fused)).toEqual([true, true, undefined]);
    const frames: TelemetryFrame[] = [];
    const run = startRun(plan, { runId: 'fused-source', onFrame: (f) => frames.push(f) });
    const result = await run.done;
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({ emitted: 20_000, delivered: 10_000 });
    const last = frames.at(-1)!;
    expect(last.edges.e1).toMatchObject({ fused: true, depth: 0, dropped: 0 });
    expect(last.edges.e3!.fused).toBeUndefined();
    const sum = (id: string, k: 'in' | 'out') =>
      frames.reduce((s, f) => s + (f.edges[id]!.delta?.[k] ?? 0), 0);
    expect([sum('e1', 'in'), sum('e1', 'out'), sum('e2', 'in'), sum('e3', 'in')]).toEqual([
      20_000, 20_000, 20_000, 10_000,
    ]);
    const node = (id: string, k: 'in' | 'out') =>
      frames.reduce((s, f) => s + (f.nodes[id]!.delta?.[k] ?? 0), 0);
    expect([
      node('src', 'out'),
      node('m', 'in'),
      node('m', 'out'),
      node('f', 'in'),
      node('f', 'out'),
    ]).toEqual([20_000, 20_000, 20_000, 20_000, 10_000]);
    for (const f of frames) {
      // The fused nodes are in the source's loop: they share its lane's time.
      const { busy, idle, backpressured } = f.nodes.src!;
      for (const id of ['m', 'f']) {
        const n = f.nodes[id]!;
        expect(
          Math.abs(n.busy - busy) + Math.abs(n.idle - idle) + Math.abs(n.backpressured - backpressured),
        ).toBeLessThan(0.01);
      }
    }
  });

  it("the tail's real edge paces a fused source: it blocks when the chain cannot send", async () => {
    const plan = planOf(
      [
        ['src', 'generator', { rate: null, count: null }],
        ['m', 'map', { expression: 'value * 2' }],
        ['f', 'filter', { expression: 'id % 2 == 0' }],
        ['rl', 'rate-limit', { rate: 2000, burst: 1 }],
        ['k', 'counter'],
      ],
      [
        ['src', 'm', { fuse: true }],
        ['m', 'f', { fuse: true }],
        ['f', 'rl', { capacity: 4 }],
        ['rl', 'k'],
      ],
    );
    expect(plan.edges.map((e) => e.fused)).toEqual([true, true, undefined, undefined]);
    const frames: TelemetryFrame[] = [];
    const run = startRun(plan, { runId: 'fused-paced', onFrame: (f) => frames.push(f) });
    await new Promise((r) => setTimeout(r, 400));
    run.stop('abort');
    await run.done;
    const last = frames.at(-1)!;
    const out = (id: string) => frames.reduce((s, f) => s + (f.nodes[id]!.delta?.out ?? 0), 0);
    const inn = (id: string) => frames.reduce((s, f) => s + (f.nodes[id]!.delta?.in ?? 0), 0);
    // Unpaced, the source would make millions in 0.4 s; paced, what it made is what the limiter took
    // (2000/s, doubled: the filter keeps half) plus at most the tail edge's 4 and one batch.
    expect(out('src')).toBeLessThan(2 * (inn('rl') + 4) + 2 * 256);
    expect(out('f')).toBeLessThanOrEqual(inn('rl') + 4);
    expect(last.edges.e3!.depth).toBeLessThanOrEqual(4);
    // The source spent most of its time held back by the tail's edge.
    const held = frames.filter((f) => f.nodes.src!.backpressured > 0.5).length;
    expect(held).toBeGreaterThan(frames.length / 2);
  });

  it('counts items across a fused edge (in = out, wait 0) and marks it in frames', async () => {
    const plan = planOf(
      [
        // 0.25 s at 20,000/s: a few periodic frames, the loop idle between items.
        ['src', 'generator', { rate: 20_000, count: 5000 }],
        ['m', 'map', { expression: 'value * 2' }],
        ['f', 'filter', { expression: 'id % 2 == 0' }],
        ['k', 'counter'],
      ],
      [
        ['src', 'm'],
        ['m', 'f', { fuse: true }],
        ['f', 'k', { fuse: true }],
      ],
    );
    expect(plan.edges.map((e) => e.fused)).toEqual([undefined, true, true]);
    const frames: TelemetryFrame[] = [];
    const run = startRun(plan, { runId: 'fused-counts', onFrame: (f) => frames.push(f) });
    const result = await run.done;
    expect(result.totals).toMatchObject({ emitted: 5000, delivered: 2500 });
    const last = frames.at(-1)!;
    expect(last.edges.e1!.fused).toBeUndefined();
    expect(last.edges.e2).toMatchObject({ fused: true, depth: 0, dropped: 0 });
    expect(last.edges.e3).toMatchObject({ fused: true, depth: 0 });
    const sum = (id: string, k: 'in' | 'out') =>
      frames.reduce((s, f) => s + (f.edges[id]!.delta?.[k] ?? 0), 0);
    expect([sum('e2', 'in'), sum('e2', 'out')]).toEqual([5000, 5000]);
    expect([sum('e3', 'in'), sum('e3', 'out')]).toEqual([2500, 2500]);
    const node = (id: string, k: 'in' | 'out') =>
      frames.reduce((s, f) => s + (f.nodes[id]!.delta?.[k] ?? 0), 0);
    // Nodes inside the loop share its lane: in the same state as the map that runs them.
    for (const f of frames) {
      const { busy, idle, backpressured } = f.nodes.m!;
      for (const id of ['f', 'k']) {
        const n = f.nodes[id]!;
        // The same lane time; each node's share is rounded on its own.
        expect(
          Math.abs(n.busy - busy) + Math.abs(n.idle - idle) + Math.abs(n.backpressured - backpressured),
        ).toBeLessThan(0.01);
      }
    }
    expect(frames.filter((f) => f.nodes.k!.idle > 0).length).toBeGreaterThan(1);
    expect([node('m', 'in'), node('m', 'out'), node('f', 'in'), node('f', 'out'), node('k', 'in')]).toEqual([
      5000, 5000, 5000, 2500, 2500,
    ]);
  });

  it('refuses fuse: true on an edge that cannot be fused, naming the edge and why', () => {
    expect(() =>
      planOf(
        [
          ['src', 'generator', { rate: 10, count: 10 }],
          ['m', 'map'],
          ['a', 'counter'],
          ['b', 'counter'],
        ],
        [
          ['src', 'm', { fuse: true }],
          ['m', 'a', { fuse: true }],
          ['m', 'b'],
        ],
      ),
    ).toThrow(
      /edges\.0\.fuse.*edge \\"e1\\" cannot run fused: \\"src\\" is a generator.*edges\.1\.fuse.*\\"m\\" feeds 2 edges/,
    );
    // A drop policy would never act on a fused edge: refused, and the run option leaves it a queue.
    const dropping = (fuse?: boolean) =>
      planOf(
        [
          ['src', 'generator', { rate: null, count: 10 }],
          ['m', 'map'],
          ['k', 'counter'],
        ],
        [
          ['src', 'm'],
          ['m', 'k', { overflow: 'drop-newest', ...(fuse ? { fuse } : {}) }],
        ],
      );
    expect(() => dropping(true)).toThrow(
      /edge \\"e2\\" cannot run fused: it drops items when full \(drop-newest\)/,
    );
    const plan = dropping();
    expect(resolveFusion(plan, { all: true })).toEqual([]);
    expect(plan.edges[1]!.fused).toBeUndefined();
    // An open-loop generator rejects at its own edge what does not fit: that edge keeps its queue.
    expect(() =>
      planOf(
        [
          ['src', 'generator', { rate: null, loop: 'open', count: 10 }],
          ['k', 'counter'],
        ],
        [['src', 'k', { fuse: true }]],
      ),
    ).toThrow(/edge \\"e1\\" cannot run fused: \\"src\\" is an open-loop generator/);
  });

  it.each([
    ['after a transform head', false],
    ['after a generator head (the source edge fused too)', true],
  ])('follows an item across fused edges %s: queue hops of 0 ms, then delivered', async (_, head) => {
    const plan = planOf(
      [
        ['src', 'generator', { rate: null, count: 3000 }],
        ['m', 'map', { expression: 'value * 2' }],
        ['f', 'filter', { expression: 'true' }],
        ['k', 'counter'],
      ],
      [
        ['src', 'm', head ? { fuse: true } : {}],
        ['m', 'f', { fuse: true }],
        ['f', 'k', { fuse: true }],
      ],
    );
    expect(plan.edges[0]!.fused).toBe(head ? true : undefined);
    const messages: TraceMessage[] = [];
    const run = startRun(plan, { runId: 'fused-trace', onTrace: (m) => messages.push(...m) });
    run.trace({ nodeId: 'src', ids: ['t1'] });
    await run.done; // the run's end flushes every trace
    expect(messages.some((m) => m.traceId === 't1' && m.done)).toBe(true);
    const hops = messages.filter((m) => m.traceId === 't1').flatMap((m) => m.hops);
    expect(hops.map((h) => [h.event, h.nodeId ?? h.edgeId])).toEqual([
      ['enqueued', 'e1'],
      ['dequeued', 'e1'],
      ['started', 'm'],
      ['finished', 'm'],
      ['enqueued', 'e2'],
      ['dequeued', 'e2'],
      ['started', 'f'],
      ['finished', 'f'],
      ['enqueued', 'e3'],
      ['dequeued', 'e3'],
      ['delivered', 'k'],
    ]);
    const fusedIds = head ? ['e1', 'e2', 'e3'] : ['e2', 'e3'];
    expect(hops.filter((h) => fusedIds.includes(h.edgeId!)).map((h) => h.depth ?? h.waitMs)).toEqual(
      fusedIds.flatMap(() => [0, 0]),
    );
  });
});
