import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../protocol/telemetry.js';
import { findBottlenecks } from './bottleneck.js';
import { namesOf, nodeName } from './node-names.js';
import { nodeTelemetry as node, edgeTelemetry as queue } from './test-telemetry.js';

describe('node names', () => {
  it('reads "label (id)" for a labelled node and the id otherwise', () => {
    expect(nodeName('work', 'Slow DB')).toBe('Slow DB (work)');
    expect(nodeName('work', undefined)).toBe('work');
    expect(nodeName('work', '  ')).toBe('work');
    expect(nodeName('work', 'work')).toBe('work');
    const nameOf = namesOf([{ id: 'a', label: 'Parse' }, { id: 'b' }, { id: 'c', data: { label: 'Sink' } }]);
    expect([nameOf('a'), nameOf('b'), nameOf('c'), nameOf('zz')]).toEqual([
      'Parse (a)',
      'b',
      'Sink (c)',
      'zz',
    ]);
  });

  it('names labelled nodes in the bottleneck sentence, the ids kept beside them', () => {
    const f: TelemetryFrame = {
      runId: 'r1',
      seq: 1,
      t: 1000,
      nodes: {
        src: node({ outRate: 500, idle: 0.25, backpressured: 0.75 }),
        work: node({ inRate: 500, outRate: 500, busy: 1, idle: 0 }),
      },
      edges: { e1: queue({ depth: 64, inRate: 500, outRate: 500, blockedRatio: 0.75 }) },
    };
    const edges = [{ id: 'e1', source: 'src', target: 'work' }];
    const found = findBottlenecks(
      f,
      edges,
      undefined,
      namesOf([
        { id: 'work', label: 'Slow DB' },
        { id: 'src', label: 'Orders' },
      ]),
    );
    expect(found.work?.sentence).toMatch(/^Slow DB \(work\) is the bottleneck: /);
    expect(found.work?.sentence).toContain('Orders (src) waits 75% of its time for room in e1');
    // Without names the sentence is what it always was.
    expect(findBottlenecks(f, edges).work?.sentence).toMatch(/^work is the bottleneck: .* src waits/);
  });
});
