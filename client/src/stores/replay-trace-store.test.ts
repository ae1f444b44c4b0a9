import { describe, expect, it } from 'vitest';
import type { RecordedTrace } from '../../../shared/protocol/trace.js';
import { activeAt, MAX_REPLAY_TOKENS } from './replay-trace-store.js';

const trace = (
  traceId: string,
  t: number,
  end: 'delivered' | 'dropped' = 'delivered',
  done = true,
  lasts = 10,
): RecordedTrace => ({
  traceId,
  nodeId: 'src',
  done,
  hops: [
    { event: 'enqueued', t, edgeId: 'e1', depth: 3 },
    end === 'dropped'
      ? { event: 'dropped', t: t + lasts, edgeId: 'e2', reason: 'drop-newest' }
      : { event: 'delivered', t: t + lasts, nodeId: 'out' },
  ],
});

describe('activeAt', () => {
  it('is the items on the canvas at the instant: from the first hop to the last, a drop’s ✕ a while longer', () => {
    const traces = { a: trace('a', 0), b: trace('b', 5, 'dropped'), c: trace('c', 100, 'delivered', false) };
    expect(activeAt(traces, 7)).toEqual(['a', 'b']);
    expect(activeAt(traces, 50)).toEqual(['b']);
    expect(activeAt(traces, 99)).toEqual(['b']);
    expect(activeAt(traces, 1_300)).toEqual(['c']);
    // Still in flight when the recording ended: on the canvas from its first hop on.
    expect(activeAt(traces, 5_000)).toEqual(['c']);
  });

  it('draws at most MAX_REPLAY_TOKENS, the newest', () => {
    const traces: Record<string, RecordedTrace> = {};
    for (let i = 0; i < MAX_REPLAY_TOKENS + 10; i++)
      traces[`s${i}`] = trace(`s${i}`, i, 'delivered', true, 1_000);
    const on = activeAt(traces, MAX_REPLAY_TOKENS + 9);
    expect(on).toHaveLength(MAX_REPLAY_TOKENS);
    expect(on.at(-1)).toBe(`s${MAX_REPLAY_TOKENS + 9}`);
  });
});
