import { describe, expect, it } from 'vitest';
import { hopOf, recordedTraceOf, traceMessageOf } from './trace-guards.js';

describe('run:trace guards', () => {
  it('keeps the contract fields of a hop and nothing else', () => {
    const hop = hopOf({
      event: 'dequeued',
      t: 12,
      edgeId: 'e1',
      waitMs: 128,
      extra: 'x',
      __proto__: { a: 1 },
    });
    expect(hop).toEqual({ event: 'dequeued', t: 12, edgeId: 'e1', waitMs: 128 });
    expect(Object.keys(hop ?? {})).toEqual(['event', 't', 'edgeId', 'waitMs']);
  });

  it('refuses hops with an unknown event or no time, and wrongly typed fields', () => {
    expect(hopOf({ event: 'teleported', t: 1 })).toBeUndefined();
    expect(hopOf({ event: 'enqueued' })).toBeUndefined();
    expect(hopOf({ event: 'enqueued', t: Number.NaN })).toBeUndefined();
    expect(hopOf({ event: 'enqueued', t: 1, depth: '3' })).toEqual({ event: 'enqueued', t: 1 });
  });

  it('checks the message and drops its bad hops', () => {
    const m = traceMessageOf({
      runId: 'r',
      traceId: 't',
      hops: [
        { event: 'x', t: 1 },
        { event: 'started', t: 2 },
      ],
    });
    expect(m).toEqual({ runId: 'r', traceId: 't', hops: [{ event: 'started', t: 2 }] });
    expect(traceMessageOf({ runId: 'r', traceId: 't', hops: {} })).toBeUndefined();
    expect(traceMessageOf({ runId: 'r', traceId: 'x'.repeat(500), hops: [] })).toBeUndefined();
    expect(traceMessageOf({ runId: 'r', traceId: 't', hops: [], done: true })?.done).toBe(true);
  });
});

describe('recordedTraceOf', () => {
  it('keeps a recorded trace’s contract fields; refuses prototype ids and non-traces', () => {
    const raw = {
      traceId: 's1',
      nodeId: 'src',
      done: true,
      extra: 1,
      hops: [
        { event: 'enqueued', t: 5, edgeId: 'e1', depth: 3, odd: 'x' },
        { event: 'nope', t: 1 },
      ],
    };
    expect(recordedTraceOf(raw)).toEqual({
      traceId: 's1',
      nodeId: 'src',
      done: true,
      hops: [{ event: 'enqueued', t: 5, edgeId: 'e1', depth: 3 }],
    });
    expect(recordedTraceOf({ ...raw, traceId: '__proto__' })).toBeUndefined();
    expect(recordedTraceOf({ ...raw, hops: 'x' })).toBeUndefined();
    expect(recordedTraceOf(null)).toBeUndefined();
  });
});
