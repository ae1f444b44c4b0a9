import { describe, expect, it } from 'vitest';
import type { Hop } from '../../../shared/protocol/trace.js';
import { layoutWaterfall } from './waterfall.js';

/*
 *   src ──e1 [64, block]──▶ work (2 ms) ──e2──▶ sink
 *
 * The item arrives behind 63 others on a full queue, so it waits 64 × 2 ms before service.
 */
const throughSlowConsumer: Hop[] = [
  { event: 'enqueued', t: 1000, edgeId: 'e1', depth: 63 },
  { event: 'dequeued', t: 1128, edgeId: 'e1', waitMs: 128 },
  { event: 'started', t: 1128, nodeId: 'work' },
  { event: 'finished', t: 1130, nodeId: 'work', serviceMs: 2 },
  { event: 'enqueued', t: 1130, edgeId: 'e2', depth: 0 },
  { event: 'dequeued', t: 1130.5, edgeId: 'e2', waitMs: 0.5 },
  { event: 'delivered', t: 1131, nodeId: 'sink', e2eMs: 131 },
];

describe('layoutWaterfall', () => {
  it('puts one row per queue and node, in path order, with wait and service on one axis', () => {
    // ACT
    const w = layoutWaterfall(throughSlowConsumer);
    // ASSERT
    expect(w.rows.map((r) => `${r.kind}:${r.id}`)).toEqual(['edge:e1', 'node:work', 'edge:e2', 'node:sink']);
    const [e1, work] = w.rows;
    expect(e1?.waitMs).toBe(128);
    expect(e1?.depth).toBe(63);
    expect(e1?.bars).toEqual([{ kind: 'wait', from: 0, to: 128, open: false }]);
    expect(work?.bars).toEqual([{ kind: 'service', from: 128, to: 130, open: false }]);
    expect(w.origin).toBe(1000);
    expect(w.spanMs).toBe(131);
    expect(w.waitMs).toBe(128.5);
    expect(w.serviceMs).toBe(2);
    expect(w.totalMs).toBe(131);
    expect(w.outcome).toBe('delivered');
    expect(w.rows.at(-1)?.marks).toEqual([{ kind: 'delivered', at: 131, text: 'delivered' }]);
  });

  it('lets a wait still going grow to now, with no total yet', () => {
    const w = layoutWaterfall(throughSlowConsumer.slice(0, 1), 1050);
    expect(w.rows[0]?.bars[0]).toEqual({ kind: 'wait', from: 0, to: 50, open: true });
    expect(w.rows[0]?.waitMs).toBe(50);
    expect(w.totalMs).toBeNull();
    expect(w.outcome).toBe('in flight');
  });

  it('marks a drop on the queue with its policy and depth, and ends the item there', () => {
    const w = layoutWaterfall([
      { event: 'finished', t: 0, nodeId: 'src', serviceMs: 0 },
      { event: 'dropped', t: 0, edgeId: 'e1', reason: 'drop-newest', depth: 64 },
    ]);
    expect(w.rows.map((r) => r.id)).toEqual(['src', 'e1']);
    expect(w.rows[1]?.marks[0]?.text).toBe('dropped (drop-newest at 64)');
    expect(w.outcome).toBe('dropped');
    expect(w.totalMs).toBe(0);
  });

  it('keeps retries on the node’s row with their backoff, then a dead letter', () => {
    const w = layoutWaterfall([
      { event: 'started', t: 0, nodeId: 'call' },
      { event: 'retried', t: 5, nodeId: 'call', attempt: 1, waitMs: 20 },
      { event: 'started', t: 25, nodeId: 'call' },
      { event: 'finished', t: 30, nodeId: 'call', serviceMs: 5 },
      { event: 'dead-lettered', t: 30, nodeId: 'call' },
    ]);
    expect(w.rows).toHaveLength(1);
    expect(w.rows[0]?.bars.map((b) => [b.kind, b.from, b.to])).toEqual([
      ['service', 0, 5],
      ['backoff', 5, 25],
      ['service', 25, 30],
    ]);
    expect(w.rows[0]?.serviceMs).toBe(10);
    expect(w.rows[0]?.marks.map((m) => m.text)).toEqual(['retry 1', 'dead letter']);
    expect(w.outcome).toBe('dead-lettered');
  });

  it('draws an item with no hops yet as an empty axis', () => {
    const w = layoutWaterfall([]);
    expect(w.rows).toEqual([]);
    expect(w.spanMs).toBe(1);
    expect(w.outcome).toBe('in flight');
  });
});
