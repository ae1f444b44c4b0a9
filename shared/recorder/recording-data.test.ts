import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPoisonKeys } from '../graph/poison-keys.js';
import type { TelemetryFrame } from '../protocol/telemetry.js';
import { Recording } from './recording.js';
import { type RecordingData, RecordingDataError } from './recording-data.js';
import { events, frames } from './test-arbitraries.js';
import { realisticRun } from './test-frames.js';

const ALL = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] as const;
const through = (rec: Recording, maxBytes = 1e9) =>
  Recording.fromData(JSON.parse(JSON.stringify(rec.toData())), { maxBytes });

/** A small valid recording's data to spoil. */
function sample(): RecordingData {
  const rec = new Recording({ maxBytes: 1e9, keyframeEvery: 3 });
  for (const f of realisticRun(2, 2, 10, 1)) rec.append(f);
  rec.recordEvent({ t: 50, type: 'status', status: 'running' });
  return JSON.parse(JSON.stringify(rec.toData())) as RecordingData;
}

/** The issue path `fromData` refuses `data` with (fails the test when it accepts it). */
function refusal(data: unknown): string {
  try {
    Recording.fromData(data, { maxBytes: 1e9 });
  } catch (err) {
    expect(err).toBeInstanceOf(RecordingDataError);
    return (err as RecordingDataError).issues[0]!.path;
  }
  throw new Error('accepted');
}

describe('Recording.toData / fromData', () => {
  it('round-trips every frame, event and the thinned state exactly, through JSON', () => {
    // The arbitraries name a node __proto__ on purpose; a stored recording refuses that key.
    const clean = frames.filter((list) => findPoisonKeys(list).length === 0);
    fc.assert(
      fc.property(
        clean,
        events,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 300, max: 1e6 }),
        (list, evs, k, max) => {
          const rec = new Recording({ maxBytes: max, keyframeEvery: k });
          for (const f of list) rec.append(f);
          for (const e of [...evs].sort((a, b) => a.t - b.t)) rec.recordEvent(e);
          const back = through(rec, max);
          expect(back.framesBetween(...ALL)).toStrictEqual(rec.framesBetween(...ALL));
          expect(back.eventsBetween(...ALL)).toStrictEqual(rec.eventsBetween(...ALL));
          expect(back.thinned).toStrictEqual(rec.thinned);
          expect(back.byteSize).toBe(rec.byteSize);
          expect(back.toData()).toStrictEqual(rec.toData());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('goes on recording where it stopped: later frames append as deltas and read back exactly', () => {
    const run = realisticRun(4, 5, 10, 3);
    const rec = new Recording({ maxBytes: 1e9 });
    for (const f of run.slice(0, 14)) rec.append(f);
    const back = through(rec);
    for (const f of run.slice(14)) back.append(f);
    expect(back.framesBetween(...ALL)).toStrictEqual(run);
  });

  it('refuses hostile data with the place named, never an exception of another kind', () => {
    const spoil = (fn: (d: RecordingData & Record<string, unknown>) => void) => {
      const d = sample() as RecordingData & Record<string, unknown>;
      fn(d);
      return refusal(d);
    };
    const data = (d: RecordingData, b: number, f: number, v: unknown[]) => {
      d.blocks[b]!.frames[f]![2] = JSON.stringify(v);
    };
    expect(refusal(null)).toBe('');
    expect(refusal(JSON.parse('{"__proto__":{"x":1}}'))).toBe('__proto__');
    expect(spoil((d) => d.paths.push(['nodes', '__proto__', 'x']))).toMatch(/^paths\.\d+$/);
    expect(spoil((d) => d.paths.push(['nodes', 'constructor']))).toMatch(/^paths\.\d+$/);
    expect(spoil((d) => d.paths.push(d.paths[0]!))).toMatch(/^paths\.\d+$/);
    expect(spoil((d) => d.paths.push(['elsewhere']))).toBe('blocks.0.frames.0');
    expect(spoil((d) => (d.keyframeEvery = 1e6))).toBe('keyframeEvery');
    expect(spoil((d) => d.blocks[0]!.frames.push(...new Array(200).fill([0, 0, '[0]'])))).toBe(
      'blocks.0.frames',
    );
    expect(spoil((d) => (d.blocks[0]!.frames[0]![2] = '[0,1,'))).toBe('blocks.0.frames.0');
    expect(spoil((d) => (d.blocks[0]!.frames[0]![2] = '{}'))).toBe('blocks.0.frames.0');
    expect(spoil((d) => data(d, 0, 0, [0, 99999, 1]))).toBe('blocks.0.frames.0'); // unknown leaf id
    expect(spoil((d) => data(d, 0, 0, [0, 0, 1]))).toBe('blocks.0.frames.0'); // gap 0
    expect(spoil((d) => data(d, 0, 1, [0, -1, 'x']))).toBe('blocks.0.frames.1'); // a step that is no number
    expect(spoil((d) => data(d, 0, 1, [[12345]]))).toBe('blocks.0.frames.1'); // removes no leaf
    expect(spoil((d) => data(d, 0, 1, [0, 1, { ['__proto__']: 1 }]))).toBe('blocks.0.frames.1');
    expect(spoil((d) => (d.blocks[0]!.frames[1]![0] = 5))).toBe('blocks.0.frames.1'); // t unlike its frame's
    expect(spoil((d) => (d.blocks[1]!.frames[0]![0] = 0))).toBe('blocks.1.frames.0'); // goes back in time
    expect(spoil((d) => (d.blocks[0]!.frames[1]![1] = 0))).toBe('blocks.0.frames.1');
    expect(spoil((d) => (d.thinned.prefix = 99))).toBe('thinned.prefix');
    expect(spoil((d) => d.events.push({ t: 1, type: 'x', big: 'y'.repeat(70_000) }))).toMatch(
      /^events\.\d+$/,
    );
    expect(spoil((d) => d.events.push({ t: -5, type: 'status' }))).toMatch(/^events\.\d+\.t$/);
    expect(spoil((d) => (d.extra = 1))).toBe('');
  });

  it('refuses a leaf under another leaf in one frame (decoding would write into a number)', () => {
    const d = sample();
    const nodeLeaf = d.paths.findIndex((p) => p.length === 3 && p[0] === 'nodes');
    const parent = d.paths.length;
    d.paths.push(d.paths[nodeLeaf]!.slice(0, 2)); // ['nodes', 'node-0'] as a leaf of its own
    d.blocks[0]!.frames[1]![2] = JSON.stringify([0, parent + 1, {}]);
    expect(refusal(d)).toBe('blocks.0.frames.1');
  });

  it('refuses frames that are not telemetry frames (no nodes, no runId)', () => {
    const rec = new Recording({ maxBytes: 1e9 });
    rec.append({ runId: 'r', seq: 1, t: 0 } as unknown as TelemetryFrame);
    expect(refusal(JSON.parse(JSON.stringify(rec.toData())))).toBe('blocks.0.frames.0');
    const noRun = new Recording({ maxBytes: 1e9 });
    noRun.append({ seq: 1, t: 0, nodes: {}, edges: {} } as unknown as TelemetryFrame);
    expect(refusal(JSON.parse(JSON.stringify(noRun.toData())))).toBe('blocks.0.frames.0');
  });
});
