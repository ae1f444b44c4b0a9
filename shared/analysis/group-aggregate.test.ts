import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../protocol/telemetry.js';
import { groupAggregate, groupEdges } from './group-aggregate.js';
import { nodeTelemetry as node, edgeTelemetry as queue } from './test-telemetry.js';

/*
 * The group G holds `parse` and `limit`:
 *
 *                 +------------------ G -------------------+
 *   src --e1-->   |  parse --e2--> limit                   |  --e3--> sink
 *                 |                                        |
 *   side --e4-->  |  limit (rate-limit, drops 7 itself)    |
 *                 +----------------------------------------+
 *   src --e5--> sink   (passes by the group)
 */
const edges = [
  { id: 'e1', source: 'src', target: 'parse' },
  { id: 'e2', source: 'parse', target: 'limit' },
  { id: 'e3', source: 'limit', target: 'sink' },
  { id: 'e4', source: 'side', target: 'limit' },
  { id: 'e5', source: 'src', target: 'sink' },
];
const members = new Set(['parse', 'limit']);

const frame: Pick<TelemetryFrame, 'edges' | 'nodes'> = {
  edges: {
    e1: queue({ depth: 64, inRate: 900, outRate: 500, dropped: 40 }),
    e2: queue({ depth: 12, inRate: 500, outRate: 480, dropped: 3, expired: 2 }),
    e3: queue({ depth: 5, inRate: 300, outRate: 300 }),
    e4: queue({ depth: 1, inRate: 20, outRate: 20 }),
    e5: queue({ depth: 50, inRate: 1000, outRate: 1000, dropped: 99 }),
  },
  nodes: {
    src: node({ outRate: 1900, rejected: 11 }),
    parse: node({ inRate: 500, outRate: 500 }),
    limit: node({ inRate: 500, outRate: 300, dropped: 7 }),
    sink: node({ inRate: 1300 }),
  },
};

describe('group aggregate (a collapsed group seen as one node)', () => {
  it('sorts the edges into the group, out of it and inside it; the edge passing by is none', () => {
    expect(groupEdges(edges, members)).toEqual({ into: ['e1', 'e4'], out: ['e3'], inside: ['e2'] });
  });

  it('counts what crosses its border, what waits inside and what is lost inside', () => {
    expect(groupAggregate(groupEdges(edges, members), members, frame)).toEqual({
      // taken in from e1 and e4 (what its nodes dequeued, not what was offered to them)
      inRate: 500 + 20,
      // put onto e3
      outRate: 300,
      // only e2 lies inside: e1's 64 wait outside, in front of the group
      queued: 12,
      // e2's 3 dropped + 2 expired, and limit's own 7; e1's and e5's drops and src's rejects are outside
      drops: 3 + 2 + 7,
    });
  });

  it('reads zeros for edges and nodes the frame does not carry yet', () => {
    const split = groupEdges(
      [...edges, { id: 'e9', source: 'new', target: 'parse' }],
      new Set([...members, 'new']),
    );
    expect(groupAggregate(split, ['parse', 'new'], { edges: {}, nodes: {} })).toEqual({
      inRate: 0,
      outRate: 0,
      queued: 0,
      drops: 0,
    });
  });
});
