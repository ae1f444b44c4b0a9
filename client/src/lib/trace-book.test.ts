import { describe, expect, it } from 'vitest';
import type { Hop, TraceMessage } from '../../../shared/protocol/trace.js';
import {
  addFollowed,
  addMessage,
  appendHops,
  EMPTY_BOOK,
  MAX_HOPS,
  MAX_TRACES,
  withDetail,
} from './trace-book.js';

const enq = (t: number): Hop => ({ event: 'enqueued', t, edgeId: 'e1', depth: 0 });
const msg = (traceId: string, hops: Hop[], done = false): TraceMessage => ({
  runId: 'r1',
  traceId,
  hops,
  ...(done ? { done } : {}),
});

describe('appendHops', () => {
  it('keeps hops in the order they happened, even where a scheduled time runs ahead', () => {
    // ARRANGE: a worker's `started` carries its scheduled time, a little before the dequeue
    const deq: Hop = { event: 'dequeued', t: 966.2, edgeId: 'e1', waitMs: 128 };
    const start: Hop = { event: 'started', t: 965.9, nodeId: 'work' };
    // ACT
    const { hops } = appendHops([enq(838)], [deq, start], 0);
    // ASSERT
    expect(hops.map((h) => h.event)).toEqual(['enqueued', 'dequeued', 'started']);
  });

  it('holds at most MAX_HOPS, keeping the first hops and the newest, and counts the rest', () => {
    const many = Array.from({ length: MAX_HOPS + 50 }, (_, i) => enq(i));
    const { hops, omitted } = appendHops([], many, 0);
    expect(hops).toHaveLength(MAX_HOPS);
    expect(omitted).toBe(50);
    expect(hops[0]?.t).toBe(0);
    expect(hops.at(-1)?.t).toBe(MAX_HOPS + 49);
  });
});

describe('trace book', () => {
  it('folds messages into the item they belong to and remembers when it is done', () => {
    let book = addFollowed(EMPTY_BOOK, 'src', ['t1']);
    book = addMessage(book, msg('t1', [enq(5)]));
    book = addMessage(book, msg('t1', [{ event: 'delivered', t: 9, nodeId: 'sink', e2eMs: 4 }], true));
    expect(book.order).toEqual(['t1']);
    expect(book.traces.t1?.hops.map((h) => h.event)).toEqual(['enqueued', 'delivered']);
    expect(book.traces.t1?.done).toBe(true);
    expect(book.traces.t1?.nodeId).toBe('src');
  });

  it('names the node the user followed even when the item’s hops arrived before the answer to Follow', () => {
    // The socket can beat the POST's reply: the first hop seen is the sink's, not the worker's.
    let book = addMessage(
      EMPTY_BOOK,
      msg('t2', [{ event: 'delivered', t: 9, nodeId: 'sink', e2eMs: 4 }], true),
    );
    book = addFollowed(book, 'work', ['t2']);
    expect(book.traces.t2?.nodeId).toBe('work');
    expect(book.traces.t2?.hops.map((h) => h.event)).toEqual(['delivered']);
    expect(book.traces.t2?.done).toBe(true);
    expect(book.order).toEqual(['t2']);
  });

  it('takes an item it never asked for (sampled 1 in N) and names its first node', () => {
    const book = addMessage(
      EMPTY_BOOK,
      msg('t9', [{ event: 'finished', t: 1, nodeId: 'gen', serviceMs: 0 }]),
    );
    expect(book.traces.t9?.nodeId).toBe('gen');
  });

  it('keeps the newest MAX_TRACES items, but never the one being looked at', () => {
    let book = addFollowed(EMPTY_BOOK, 'src', ['t0']);
    for (let i = 1; i <= MAX_TRACES + 5; i++) book = addMessage(book, msg(`t${i}`, [enq(i)]), ['t0']);
    expect(book.order).toHaveLength(MAX_TRACES);
    expect(Object.keys(book.traces)).toHaveLength(MAX_TRACES);
    expect(book.order[0]).toBe('t0');
    expect(book.order.at(-1)).toBe(`t${MAX_TRACES + 5}`);
    expect(book.traces.t1).toBeUndefined();
  });
});

describe('withDetail', () => {
  it('replaces the socket’s hops with the server’s whole list for a known item only', () => {
    let book = addMessage(EMPTY_BOOK, msg('t1', [enq(5)]));
    const full = [enq(5), { event: 'dequeued', t: 9, edgeId: 'e1', waitMs: 4 } as Hop];
    book = withDetail(book, { traceId: 't1', nodeId: 'src', hops: full, done: true });
    expect(book.traces.t1?.hops).toEqual(full);
    expect(book.traces.t1?.synced).toBe(true);
    expect(book.traces.t1?.done).toBe(true);
    expect(withDetail(book, { traceId: 'gone', hops: full, done: true })).toBe(book);
  });

  it('takes the start node from the first message when the server names it', () => {
    const book = addMessage(EMPTY_BOOK, { ...msg('s1', [enq(1)]), nodeId: 'gen' });
    expect(book.traces.s1?.nodeId).toBe('gen');
  });
});
