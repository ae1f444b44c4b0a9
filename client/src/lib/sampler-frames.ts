import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

/**
 * Tests only: a run's frames as the history sees them, every ~100 ms with jitter, from a fixed
 * seed: a source, two workers and a sink, a node and an edge that join halfway (a live edit),
 * end-to-end latency from the tenth frame, drops counted with and without a drop rate, and
 * server `delta` counts on some frames. `sampler-frames.json` holds what the Map-keyed sampler
 * (before column indexes) made of them.
 */
export function samplerFrames(count = 80): TelemetryFrame[] {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const frames: TelemetryFrame[] = [];
  let t = 0;
  let dropped = 0;
  for (let i = 0; i < count; i++) {
    t += 90 + Math.floor(rnd() * 25);
    dropped += rnd() < 0.3 ? Math.floor(rnd() * 20) : 0;
    const rate = () => Math.round(rnd() * 5_000) / 10;
    const node = (extra: object = {}) =>
      nodeTelemetry({
        inRate: rate(),
        outRate: rate(),
        p50Ms: rnd() * 4,
        p99Ms: rnd() * 40,
        errors: Math.floor(i / 30),
        busy: rnd(),
        ...extra,
      });
    const nodes: TelemetryFrame['nodes'] = {
      src: node(),
      w1: node(i % 7 === 0 ? { delta: { in: 40, out: 38 } } : {}),
      w2: node(),
      out: node(i >= 10 ? { e2eP50Ms: rnd() * 100, e2eP99Ms: 100 + rnd() * 100 } : {}),
    };
    const edge = (extra: object = {}) =>
      edgeTelemetry({ depth: Math.floor(rnd() * 64), inRate: rate(), outRate: rate(), ...extra });
    const edges: TelemetryFrame['edges'] = {
      e1: edge({ dropped, ...(i % 2 ? { dropRate: rnd() * 50 } : {}) }),
      e2: edge(),
      e3: edge(i % 5 === 0 ? { delta: { in: 30, out: 29, dropped: 1 } } : {}),
    };
    if (i >= count / 2) {
      nodes.late = node();
      edges.e4 = edge();
    }
    frames.push({ runId: 'r1', seq: i + 1, t, ...(i % 3 ? { dtMs: 100 } : {}), nodes, edges });
  }
  return frames;
}
