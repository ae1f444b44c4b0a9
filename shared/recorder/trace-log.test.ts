import { describe, expect, it } from 'vitest';
import type { Hop } from '../protocol/trace.js';
import { Recording } from './recording.js';
import { KEEP_RECORDED_TRACES, TRACE_SHARE, TraceLog } from './trace-log.js';

const path = (t: number): Hop[] => [
  { event: 'enqueued', t, edgeId: 'e1', depth: 3 },
  { event: 'dequeued', t: t + 8, edgeId: 'e1', waitMs: 8 },
  { event: 'delivered', t: t + 9, nodeId: 'out', e2eMs: 9 },
];

describe('TraceLog', () => {
  it('keeps the newest traces by count, hops added across messages', () => {
    const log = new TraceLog(1e9);
    for (let i = 0; i < KEEP_RECORDED_TRACES + 5; i++) {
      const [a, b, c] = path(i * 10);
      log.add({ traceId: `s${i}`, nodeId: 'src', hops: [a!] });
      log.add({ traceId: `s${i}`, hops: [b!, c!], done: true });
    }
    const all = log.toData();
    expect(all).toHaveLength(KEEP_RECORDED_TRACES);
    expect(all[0]!.traceId).toBe('s5');
    expect(all.at(-1)).toEqual({
      traceId: `s${KEEP_RECORDED_TRACES + 4}`,
      nodeId: 'src',
      hops: path((KEEP_RECORDED_TRACES + 4) * 10),
      done: true,
    });
  });

  it('keeps the newest traces within its byte share, and answers by overlapping window', () => {
    const log = new TraceLog(2_000);
    for (let i = 0; i < 50; i++) log.add({ traceId: `s${i}`, nodeId: 'src', hops: path(i * 100) });
    expect(log.byteSize).toBeLessThanOrEqual(2_000);
    expect(log.size).toBeLessThan(50);
    expect(log.toData().at(-1)!.traceId).toBe('s49');
    // s48 spans [4800, 4809]: a window inside it, touching its end, or past it.
    expect(log.between(4_803, 4_804).map((t) => t.traceId)).toEqual(['s48']);
    expect(log.between(4_809, 4_900).map((t) => t.traceId)).toEqual(['s48', 's49']);
    expect(log.between(4_810, 4_899)).toEqual([]);
  });

  it('counts in a recording’s budget and goes through toData / fromData', () => {
    const rec = new Recording({ maxBytes: 64 * 1024 });
    expect(rec.toData()).not.toHaveProperty('traces');
    for (let i = 0; i < 2_000; i++) rec.recordTrace({ traceId: `s${i}`, nodeId: 'src', hops: path(i) });
    expect(rec.byteSize).toBeLessThanOrEqual((64 * 1024) / TRACE_SHARE);
    rec.closeTraces();
    const back = Recording.fromData(rec.toData(), { maxBytes: 64 * 1024 });
    expect(back.tracesBetween(0, Infinity)).toEqual(rec.tracesBetween(0, Infinity));
    expect(back.tracesBetween(0, Infinity).every((t) => t.done)).toBe(true);
  });
});
