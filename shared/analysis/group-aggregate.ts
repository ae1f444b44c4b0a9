import type { TelemetryFrame } from '../protocol/telemetry.js';

/** An edge as the aggregate needs it: which nodes it joins. */
export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
}

/** A group's edges by where they run: into it from outside, out of it, or between two of its nodes. */
export interface GroupEdges {
  into: string[];
  out: string[];
  inside: string[];
}

/** What a collapsed group's box shows: the group seen from outside as one node. */
export interface GroupAggregate {
  /** Items/s its nodes took from queues fed from outside the group. */
  inRate: number;
  /** Items/s its nodes put onto queues that lead outside the group. */
  outRate: number;
  /** Items waiting on the queues between two of its nodes right now. */
  queued: number;
  /**
   * Items lost inside it since the run started: dropped or expired on its inner queues, and
   * discarded or rejected by its nodes (a rate limiter in drop mode, an open-loop source).
   */
  drops: number;
}

/**
 * Sorts a graph's edges by the group: worked out once per graph edit, not per frame.
 *
 * @example groupEdges([{ id: 'e1', source: 'a', target: 'b' }], new Set(['b'])) // { into: ['e1'], out: [], inside: [] }
 */
export function groupEdges(edges: readonly EdgeEnds[], members: ReadonlySet<string>): GroupEdges {
  const split: GroupEdges = { into: [], out: [], inside: [] };
  for (const e of edges) {
    const from = members.has(e.source);
    const to = members.has(e.target);
    if (from && to) split.inside.push(e.id);
    else if (to) split.into.push(e.id);
    else if (from) split.out.push(e.id);
  }
  return split;
}

/**
 * The group's numbers in one frame. An edge or node the frame does not carry (added since the
 * run started) counts as nothing, so a box never reads NaN.
 */
export function groupAggregate(
  split: GroupEdges,
  members: Iterable<string>,
  frame: Pick<TelemetryFrame, 'edges' | 'nodes'>,
): GroupAggregate {
  const agg: GroupAggregate = { inRate: 0, outRate: 0, queued: 0, drops: 0 };
  for (const id of split.into) agg.inRate += frame.edges[id]?.outRate ?? 0;
  for (const id of split.out) agg.outRate += frame.edges[id]?.inRate ?? 0;
  for (const id of split.inside) {
    const q = frame.edges[id];
    if (!q) continue;
    agg.queued += q.depth;
    agg.drops += q.dropped + (q.expired ?? 0);
  }
  for (const id of members) {
    const n = frame.nodes[id];
    if (n) agg.drops += (n.dropped ?? 0) + (n.rejected ?? 0);
  }
  return agg;
}
