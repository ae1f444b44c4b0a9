import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../protocol/telemetry.js';
import { type RecordedEvent, Recording } from './recording.js';
import { events, frames } from './test-arbitraries.js';
import { realisticRun } from './test-frames.js';

const recordAll = (list: TelemetryFrame[], maxBytes = 1e9, keyframeEvery = 10): Recording => {
  const rec = new Recording({ maxBytes, keyframeEvery });
  for (const f of list) rec.append(f);
  return rec;
};

describe('Recording', () => {
  it('rebuilds every frame exactly, whatever the keyframe interval', () => {
    fc.assert(
      fc.property(frames, fc.integer({ min: 1, max: 6 }), (list, k) => {
        const rec = recordAll(list, 1e9, k);
        expect(rec.framesBetween(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toStrictEqual(list);
        expect(rec.thinned).toBeNull();
      }),
    );
  });

  it('frameAt(t) is the latest frame at or before t, and framesBetween is inclusive', () => {
    fc.assert(
      fc.property(
        frames,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: -5, max: 13_000 }),
        (list, k, t) => {
          const rec = recordAll(list, 1e9, k);
          const atOrBefore = list.filter((f) => f.t <= t);
          expect(rec.frameAt(t)).toStrictEqual(atOrBefore.at(-1));
          expect(rec.framesBetween(t, t + 250)).toStrictEqual(list.filter((f) => f.t >= t && f.t <= t + 250));
        },
      ),
    );
  });

  it('thinning keeps the first and last frames and every event; what it keeps is exact', () => {
    fc.assert(
      fc.property(
        frames,
        events,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 200, max: 8000 }),
        (list, evs, k, max) => {
          const rec = new Recording({ maxBytes: max, keyframeEvery: k });
          const sorted = [...evs].sort((a, b) => a.t - b.t);
          for (const f of list) rec.append(f);
          for (const e of sorted) rec.recordEvent(e);
          const kept = rec.framesBetween(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
          expect(kept[0]).toStrictEqual(list[0]);
          expect(kept.at(-1)).toStrictEqual(list.at(-1));
          for (const f of kept) expect(f).toStrictEqual(list[f.seq]);
          expect(rec.eventsBetween(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toStrictEqual(sorted);
          const thinned = rec.thinned;
          if (thinned !== null) {
            // Past beforeT nothing is missing (frames sharing that very t may be on either side).
            const after = list.filter((f) => f.t > thinned.beforeT);
            expect(rec.framesBetween(thinned.beforeT + 1e-9, Number.POSITIVE_INFINITY)).toStrictEqual(after);
          } else expect(kept).toStrictEqual(list);
        },
      ),
    );
  });

  it('keeps event times in order when one comes stamped before the last, so it reads back', () => {
    // ARRANGE: a drain as a run ends — 'draining' placed by the server's clock, then the run's last
    // frame (run thread's clock, 3 ms behind) moves the base back and 'completed' lands before it
    const rec = recordAll(realisticRun(1, 1, 10, 1));
    rec.recordEvent({ t: 0, type: 'status', status: 'running' });
    rec.recordEvent({ t: 10_418, type: 'status', status: 'draining' });

    // ACT
    rec.recordEvent({ t: 10_415, type: 'status', status: 'completed' });
    const back = Recording.fromData(JSON.parse(JSON.stringify(rec.toData())), { maxBytes: 1e9 });

    // ASSERT: both ends of the drain at its start, in the order they happened
    expect(back.eventsBetween(0, Number.POSITIVE_INFINITY)).toStrictEqual([
      { t: 0, type: 'status', status: 'running' },
      { t: 10_418, type: 'status', status: 'draining' },
      { t: 10_418, type: 'status', status: 'completed' },
    ]);
  });

  it('refuses a frame older than the last one, naming both times', () => {
    const rec = recordAll(realisticRun(1, 1, 10, 1));
    expect(() => rec.append({ runId: 'r', seq: 99, t: 50, nodes: {}, edges: {} })).toThrow(
      /t=50 is before t=900/,
    );
  });

  it('stays within its byte budget over a long run, thinning the past and saying so', () => {
    const run = realisticRun(10, 12, 10, 600, 7);
    const rec = new Recording({ maxBytes: 2_000_000 });
    const evs: RecordedEvent[] = [];
    for (const f of run) {
      rec.append(f);
      if (f.seq % 97 === 0) {
        const e = { t: f.t, type: 'edit', node: 'node-3', field: 'rate', to: f.seq };
        evs.push(e);
        rec.recordEvent(e);
      }
      expect(rec.byteSize).toBeLessThanOrEqual(2_000_000);
    }
    const thinned = rec.thinned;
    // 600 s needs keyframes alone to be thinned too: whole blocks dropped, so coarser than 1 s.
    expect(thinned?.keepEvery).toBeGreaterThan(10);
    expect(thinned?.beforeT).toBeGreaterThan(0);
    expect(rec.frameAt(0)).toStrictEqual(run[0]);
    expect(rec.frameAt(Number.POSITIVE_INFINITY)).toStrictEqual(run.at(-1));
    expect(rec.eventsBetween(0, Number.POSITIVE_INFINITY)).toStrictEqual(evs);
    console.log(
      `600 s, 10 nodes in 2 MB: ${rec.frameCount}/${run.length} frames kept, thinned ${JSON.stringify(thinned)}`,
    );
  });

  it('costs well under the raw JSON: bytes per node per second, 10 nodes 12 edges at 10 Hz', () => {
    const run = realisticRun(10, 12, 10, 60, 3);
    const rec = recordAll(run);
    const raw = run.reduce((n, f) => n + JSON.stringify(f).length, 0);
    const perNodeSecond = rec.byteSize / 10 / 60;
    console.log(
      `recording: ${Math.round(perNodeSecond)} B/node/s (raw JSON ${Math.round(raw / 600)} B/node/s, ${(raw / rec.byteSize).toFixed(1)}× smaller)`,
    );
    expect(rec.byteSize).toBeLessThan(raw / 3);
  });
});
