import { describe, expect, it } from 'vitest';
import { shownBottleneck, worstBottleneck } from '../../../shared/analysis/bottleneck.js';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { advanceCursor, formatSeconds, linkAt, linkedTime, pastBottlenecks } from './replay-cursor.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

describe('advanceCursor', () => {
  it('moves by wall time times speed', () => {
    expect(advanceCursor(1_000, 100, 0.25, 5_000)).toEqual({ t: 1_025, atEnd: false });
    expect(advanceCursor(1_000, 100, 4, 5_000)).toEqual({ t: 1_400, atEnd: false });
  });

  it('stops at the end and says so', () => {
    expect(advanceCursor(4_950, 100, 1, 5_000)).toEqual({ t: 5_000, atEnd: true });
  });
});

describe('links to an instant', () => {
  it('reads ?t= in seconds as ms, and refuses what is not a time', () => {
    expect(linkedTime('?t=12.3')).toBe(12_300);
    expect(linkedTime('?t=1.318878')).toBe(1318.878);
    expect(linkedTime('?x=1')).toBeNull();
    expect(linkedTime('?t=abc')).toBeNull();
    expect(linkedTime('?t=-4')).toBeNull();
    expect(linkedTime('?t=')).toBeNull();
  });

  it('writes ?t= with one decimal and keeps the fragment', () => {
    expect(linkAt('https://x/r/ab#k', 12_345)).toBe('https://x/r/ab?t=12.3#k');
    expect(linkAt('https://x/watch/r1?t=1.0#tok', 400)).toBe('https://x/watch/r1?t=0.4#tok');
  });

  it('formats seconds', () => {
    expect(formatSeconds(40_149)).toBe('40.1 s');
  });
});

describe('pastBottlenecks', () => {
  const frame = (t: number, busy: number, depth: number, blocked: number): TelemetryFrame => ({
    runId: 'r',
    seq: t / 100,
    t,
    nodes: {
      src: nodeTelemetry({ outRate: 500, backpressured: blocked, idle: 1 - blocked }),
      work: nodeTelemetry({ inRate: 500, outRate: 500, busy, idle: 1 - busy }),
    },
    edges: { e1: edgeTelemetry({ depth, capacity: 1_000, blockedRatio: blocked }) },
  });
  const edges = [{ id: 'e1', source: 'src', target: 'work' }];
  const span = (from: number, to: number, make: (t: number) => TelemetryFrame) =>
    Array.from({ length: (to - from) / 100 + 1 }, (_, i) => make(from + i * 100));

  it('marks a saturated consumer behind a full queue as the live view did at that instant', () => {
    const found = pastBottlenecks(
      span(2_000, 4_000, (t) => frame(t, 0.99, 1_000, 0.5)),
      edges,
    );
    expect(shownBottleneck(found, 'work')?.sentence).toContain('work is the bottleneck');
    expect(worstBottleneck(found)?.[0]).toBe('work');
  });

  it('keeps the mark through a frame whose producer happened not to wait, as live hysteresis does', () => {
    const frames = span(2_000, 4_000, (t) => frame(t, 0.99, 1_000, t === 4_000 ? 0.1 : 0.5));
    expect(shownBottleneck(pastBottlenecks(frames, edges), 'work')).toBeDefined();
    // One frame alone would not have marked it.
    expect(pastBottlenecks([frame(4_000, 0.99, 1_000, 0.1)], edges)).toEqual({});
  });

  it('shows what the first frames of a run found, with no history to confirm it over', () => {
    expect(shownBottleneck(pastBottlenecks([frame(200, 0.99, 1_000, 0.5)], edges), 'work')).toBeDefined();
  });

  it('marks nothing when the consumer has room to spare', () => {
    expect(
      pastBottlenecks(
        span(0, 500, (t) => frame(t, 0.3, 250, 0)),
        edges,
      ),
    ).toEqual({});
  });
});
