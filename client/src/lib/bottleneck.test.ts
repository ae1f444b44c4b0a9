import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { findBottlenecks, holdBottlenecks, worstBottleneck } from './bottleneck.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

const node = nodeTelemetry;
const queue = edgeTelemetry;
const edges = [
  { id: 'e1', source: 'gen', target: 'work' },
  { id: 'e2', source: 'work', target: 'out' },
];
const frame = (nodes: TelemetryFrame['nodes'], queues: TelemetryFrame['edges']): TelemetryFrame => ({
  runId: 'r1',
  seq: 1,
  t: 1000,
  nodes,
  edges: queues,
});

describe('findBottlenecks', () => {
  /*
   *   gen (bp 99 %) --e1 [64/64, blocked 99 %]--> work (busy 98 %) --e2 [0/64]--> out (idle)
   */
  it('marks the busy node at the bottom of a backpressured chain, and says why', () => {
    // ARRANGE
    const f = frame(
      {
        gen: node({ busy: 0.01, idle: 0, backpressured: 0.99 }),
        work: node({ busy: 0.98, idle: 0.02 }),
        out: node({ busy: 0.02, idle: 0.98 }),
      },
      { e1: queue({ depth: 64, blockedRatio: 0.99 }), e2: queue({}) },
    );
    // ACT
    const found = findBottlenecks(f, edges);
    // ASSERT
    expect(Object.keys(found)).toEqual(['work']);
    expect(found.work?.sentence).toBe('work is busy 98% of the time while everything upstream waits on it.');
    expect(found.work?.detail).toMatch(/^Its input queue “e1” is full \(64\/64\).*gen is blocked 99%/);
  });

  /*
   *   gen --e1 [64/64]--> work (busy 60 %, bp 40 %) --e2 [64/64]--> out (busy 99 %)
   */
  it('skips a node that is itself waiting for room downstream and marks the one below', () => {
    const f = frame(
      {
        work: node({ busy: 0.6, idle: 0, backpressured: 0.4 }),
        out: node({ busy: 0.99, idle: 0.01 }),
      },
      { e1: queue({ depth: 64, blockedRatio: 0.9 }), e2: queue({ depth: 60, blockedRatio: 0.4 }) },
    );
    expect(Object.keys(findBottlenecks(f, edges))).toEqual(['out']);
  });

  it('marks nothing when queues are empty, even if a node is busy', () => {
    const f = frame({ work: node({ busy: 1, idle: 0 }) }, { e1: queue({ depth: 3 }), e2: queue({}) });
    expect(findBottlenecks(f, edges)).toEqual({});
  });

  it('says a dropping queue sheds load instead of holding the producer back', () => {
    const f = frame(
      { work: node({ busy: 0.99, idle: 0.01 }) },
      { e1: queue({ depth: 64, blockedRatio: 0, dropped: 1200 }), e2: queue({}) },
    );
    const dropping = [{ ...edges[0]!, data: { overflow: 'drop-newest' } }, edges[1]!];
    const found = findBottlenecks(f, dropping);
    expect(found.work?.sentence).toBe(
      'work is busy 99% of the time and cannot keep up, so its input queue drops what it cannot take.',
    );
    expect(found.work?.detail).toMatch(/drop-newest policy discards the overflow \(1200 so far\)/);
  });

  it('names the queue apart from the words around it, even when its id is "queue"', () => {
    const f = frame(
      { worker: node({ busy: 0.97, idle: 0.03 }) },
      { queue: queue({ depth: 64, blockedRatio: 0.9 }) },
    );
    const found = findBottlenecks(f, [{ id: 'queue', source: 'gen', target: 'worker' }]);
    expect(found.worker?.detail).toMatch(/^Its input queue “queue” is full \(64\/64\)/);
    expect(found.worker?.detail).not.toMatch(/queue queue/);
  });

  it('holds a mark briefly after it stops showing, and picks the busiest for the banner', () => {
    const b = (busy: number, seenAt: number) => ({ sentence: '', detail: '', busy, seenAt });
    const busy = node({ busy: 0.9, idle: 0.1 });
    const held = holdBottlenecks(
      { a: b(0.8, 1000), c: b(0.9, 0) },
      { d: b(0.95, 2000) },
      { t: 2000, nodes: { a: busy, c: busy, d: busy } },
    );
    expect(Object.keys(held).sort()).toEqual(['a', 'd']);
    expect(worstBottleneck(held)?.[0]).toBe('d');
  });

  it('drops a held mark as soon as the node is no longer busy or waits on its outputs', () => {
    const b = (seenAt: number) => ({ sentence: '', detail: '', busy: 0.9, seenAt });
    const held = holdBottlenecks(
      { idle: b(1900), gone: b(1900), blocked: b(1900), busy: b(1900) },
      {},
      {
        t: 2000,
        nodes: {
          idle: node({ busy: 0.4, idle: 0.6 }),
          blocked: node({ busy: 0.75, idle: 0, backpressured: 0.25 }),
          busy: node({ busy: 0.72, idle: 0.28 }),
        },
      },
    );
    expect(Object.keys(held)).toEqual(['busy']);
  });
});
