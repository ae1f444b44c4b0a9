import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { overviewTurns, staggerFrame } from './overview-frame.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

const node = (busy: number) => nodeTelemetry({ busy, idle: 1 - busy });
const queue = (depth: number) => edgeTelemetry({ depth });
const ids = Array.from({ length: 50 }, (_, i) => `n${i}`);
const frame = (seq: number, runId = 'r1'): TelemetryFrame => ({
  runId,
  seq,
  t: seq * 100,
  nodes: Object.fromEntries(ids.map((id) => [id, node(seq / 100)])),
  edges: Object.fromEntries(ids.map((id) => [`e-${id}`, queue(seq)])),
});

describe('overviewTurns', () => {
  it('refreshes each item about twice a second whatever the telemetry rate', () => {
    expect(overviewTurns(100)).toBe(5);
    expect(overviewTurns(1000 / 30)).toBe(15);
    expect(overviewTurns(500)).toBe(1);
    expect(overviewTurns(1000)).toBe(1);
  });
});

describe('staggerFrame', () => {
  it('refreshes every item exactly once over `turns` frames, a share of them per frame', () => {
    let shown = staggerFrame(null, frame(1), 5, 0);
    const refreshed = new Map<string, number>();
    for (let k = 1; k <= 5; k++) {
      const next = staggerFrame(shown, frame(k + 1), 5, k);
      let changed = 0;
      for (const id of ids) {
        if (next.nodes[id] !== shown.nodes[id]) {
          changed += 1;
          refreshed.set(id, (refreshed.get(id) ?? 0) + 1);
        }
      }
      // Evenly spread: no frame redraws everything.
      expect(changed).toBeLessThan(ids.length / 2);
      shown = next;
    }
    expect([...refreshed.values()]).toEqual(ids.map(() => 1));
    expect(shown.t).toBe(600);
  });

  it('keeps the very object of an item between its turns, so its selector does not change', () => {
    const first = staggerFrame(null, frame(1), 5, 0);
    const later = [1, 2, 3, 4].map((k) => staggerFrame(first, frame(k + 1), 5, k));
    const untouched = ids.filter((id) => later.every((f) => f.nodes[id] === first.nodes[id]));
    expect(untouched.length).toBeGreaterThan(0);
  });

  it('shows new items at once, drops gone ones, and starts afresh for another run', () => {
    const shown = staggerFrame(null, frame(1), 5, 0);
    const next = frame(2);
    next.nodes.fresh = node(0.5);
    delete next.nodes.n0;
    const staggered = staggerFrame(shown, next, 5, 1);
    expect(staggered.nodes.fresh).toBe(next.nodes.fresh);
    expect(staggered.nodes.n0).toBeUndefined();
    const other = frame(3, 'r2');
    expect(staggerFrame(shown, other, 5, 2)).toBe(other);
    expect(staggerFrame(shown, next, 1, 1)).toBe(next);
  });
});
