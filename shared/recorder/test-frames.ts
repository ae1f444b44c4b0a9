import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../protocol/telemetry.js';

/** Tests only: a seeded PRNG (mulberry32), so measured sizes are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The server's sampler rounds rates to 0.1 and fractions and latencies to 0.001 (telemetry-sampler.ts).
const r10 = (x: number) => Math.round(x * 10) / 10;
const r1000 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Tests only: `seconds` of frames at `hz` for a graph of `nodes` nodes and `edges` edges, with
 * numbers that move the way a busy run's do: rates jitter around a level, queues fill and drain,
 * counters grow, latencies wander.
 */
export function realisticRun(
  nodes: number,
  edges: number,
  hz: number,
  seconds: number,
  seed = 1,
): TelemetryFrame[] {
  return [...realisticFrames(nodes, edges, hz, seconds, seed)];
}

/** `realisticRun` one frame at a time: long runs of big graphs without holding every frame. */
export function* realisticFrames(
  nodes: number,
  edges: number,
  hz: number,
  seconds: number,
  seed = 1,
): Generator<TelemetryFrame> {
  const rnd = seeded(seed);
  const dtMs = 1000 / hz;
  const processed = new Array<number>(nodes).fill(0);
  const depth = new Array<number>(edges).fill(0);
  const dropped = new Array<number>(edges).fill(0);
  for (let seq = 0; seq < seconds * hz; seq++) {
    const frame: TelemetryFrame = {
      runId: 'run-realistic',
      seq,
      t: Math.round(seq * dtMs),
      dtMs,
      nodes: {},
      edges: {},
    };
    for (let n = 0; n < nodes; n++) {
      const rate = 500 + 100 * Math.sin(seq / 50 + n) + rnd() * 20;
      const out = Math.round((rate * dtMs) / 1000);
      processed[n] = (processed[n] ?? 0) + out;
      const busy = r1000(0.3 + rnd() * 0.4);
      const bp = r1000(n % 3 === 0 ? rnd() * 0.2 : 0);
      const node: NodeTelemetry = {
        inRate: r10(rate + rnd()),
        outRate: r10(rate),
        busy,
        idle: r1000(1 - busy - bp),
        backpressured: bp,
        p50Ms: r1000(1 + rnd()),
        p99Ms: r1000(4 + rnd() * 3),
        errors: 0,
        processed: processed[n] ?? 0,
        delta: { in: out + (rnd() < 0.5 ? 1 : 0), out },
      };
      frame.nodes[`node-${n}`] = node;
    }
    for (let e = 0; e < edges; e++) {
      const d = Math.max(0, Math.min(1000, (depth[e] ?? 0) + Math.round((rnd() - 0.45) * 30)));
      const drop = d === 1000 ? Math.round(rnd() * 5) : 0;
      depth[e] = d;
      dropped[e] = (dropped[e] ?? 0) + drop;
      const edge: EdgeTelemetry = {
        depth: d,
        capacity: 1000,
        inRate: r10(500 + rnd() * 40),
        outRate: r10(500 + rnd() * 40),
        dropped: dropped[e] ?? 0,
        blockedRatio: r1000(d > 900 ? rnd() * 0.5 : 0),
        oldestAgeMs: d === 0 ? 0 : r1000(d * 2 + rnd() * 5),
        etaFullMs: d > 500 ? Math.round(rnd() * 5000) : null,
        delta: { in: 50 + Math.round(rnd() * 4), out: 50 + Math.round(rnd() * 4), dropped: drop },
      };
      frame.edges[`edge-${e}`] = edge;
    }
    yield frame;
  }
}
