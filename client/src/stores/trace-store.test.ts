import { beforeEach, describe, expect, it } from 'vitest';
import type { TraceMessage } from '../../../shared/protocol/trace.js';
import { MAX_TRACES } from '../lib/trace-book.js';
import {
  AUTO_HOLD_MS,
  flushTraceMessages,
  newestHopT,
  queueTraceMessage,
  shownTrace,
  useTraceStore,
} from './trace-store.js';

const start = (traceId: string): TraceMessage => ({
  runId: 'r1',
  traceId,
  nodeId: 'src',
  hops: [{ event: 'enqueued', t: 1, edgeId: 'e1', depth: 63 }],
});
const end = (traceId: string): TraceMessage => ({
  runId: 'r1',
  traceId,
  hops: [{ event: 'delivered', t: 130, nodeId: 'sink', e2eMs: 129 }],
  done: true,
});

describe('trace store', () => {
  beforeEach(() => useTraceStore.getState().reset('r1'));

  it('shows the item "Follow next item" asked for, and keeps it while others come and go', () => {
    // ARRANGE
    const store = useTraceStore.getState();
    store.follow('r1', 'src', ['mine']);
    // ACT: 1 in N brings many more than MAX_TRACES
    for (let i = 0; i < MAX_TRACES * 2; i++) store.receive([start(`s${i}`), end(`s${i}`)], i);
    // ASSERT
    const s = useTraceStore.getState();
    expect(shownTrace(s)).toBe('mine');
    expect(s.traces.mine).toBeDefined();
    expect(s.order).toHaveLength(MAX_TRACES);
  });

  it('with none picked, shows a finished item and holds it a while before a newer one', () => {
    const store = useTraceStore.getState();
    store.receive([start('s1'), end('s1')], 1_000);
    expect(shownTrace(useTraceStore.getState())).toBe('s1');
    // A newer item still in flight, and one done too soon after: s1 stays.
    store.receive([start('s2'), start('s3'), end('s3')], 1_000 + AUTO_HOLD_MS / 2);
    expect(shownTrace(useTraceStore.getState())).toBe('s1');
    // Past the hold the next one to finish takes its place.
    store.receive([end('s2')], 1_000 + AUTO_HOLD_MS);
    expect(shownTrace(useTraceStore.getState())).toBe('s2');
  });

  it('keeps the auto-picked item while 1 in N brings more than it holds', () => {
    const store = useTraceStore.getState();
    store.receive([start('first'), end('first')], 0);
    for (let i = 0; i < MAX_TRACES * 2; i++) store.receive([start(`s${i}`)], 1);
    expect(shownTrace(useTraceStore.getState())).toBe('first');
  });

  it('starts over when messages of another run arrive', () => {
    useTraceStore.getState().receive([start('s1')], 0);
    useTraceStore.getState().receive([{ ...start('x1'), runId: 'r2' }], 0);
    const s = useTraceStore.getState();
    expect(s.runId).toBe('r2');
    expect(s.order).toEqual(['x1']);
  });
});

describe('newestHopT', () => {
  it('moves on as messages are folded into the store, not as they arrive', () => {
    // A page paints rarely under load: a message waiting for the paint may hold the dequeue a
    // queued token needs; until it is in the store, the token is not moved on past older news.
    const raf = globalThis.requestAnimationFrame;
    const caf = globalThis.cancelAnimationFrame;
    globalThis.requestAnimationFrame = (() => 1) as typeof requestAnimationFrame;
    globalThis.cancelAnimationFrame = (() => {}) as typeof cancelAnimationFrame;
    try {
      useTraceStore.getState().reset('r1');
      expect(newestHopT()).toBe(Number.NEGATIVE_INFINITY);
      queueTraceMessage(start('a'), 0);
      queueTraceMessage(end('a'), 0);
      expect(newestHopT()).toBe(Number.NEGATIVE_INFINITY);
      flushTraceMessages();
      expect(newestHopT()).toBe(130);
      expect(useTraceStore.getState().traces.a?.hops).toHaveLength(2);
    } finally {
      globalThis.requestAnimationFrame = raf;
      globalThis.cancelAnimationFrame = caf;
    }
  });
});
