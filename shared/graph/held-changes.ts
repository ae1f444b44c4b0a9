import { edgeTransport, processOf, replicasOf } from './edge-transport.js';
import type { GraphInput } from './graph-schema.js';

type NodeDoc = GraphInput['nodes'][number];
type EdgeDoc = NonNullable<GraphInput['edges']>[number];

/**
 * What the canvas has that the running graph does not: the edits a run cannot take live and that
 * wait for the next run. Node positions never count; neither do params the kind declares live
 * (they were sent to the run as they were made), nor an edge's capacity / overflow (live too).
 */
export interface HeldChanges {
  addedNodes: string[];
  removedNodes: string[];
  addedEdges: string[];
  removedEdges: string[];
  /**
   * Nodes whose params differ from the run's in a key that cannot change live, or whose
   * `process` / `replicas` differ (where a node runs is fixed when the run starts).
   */
  changedNodes: Array<{ nodeId: string; keys: string[] }>;
  /** Edges whose transport (memory / nats, as resolved) differs from the run's; absent when none. */
  changedEdges?: string[];
}

/** How many changes wait: one per node or edge added or removed, one per node with held params. */
export function heldCount(h: HeldChanges): number {
  return (
    h.addedNodes.length +
    h.removedNodes.length +
    h.addedEdges.length +
    h.removedEdges.length +
    h.changedNodes.length +
    (h.changedEdges?.length ?? 0)
  );
}

/** An edge is the same queue only with the same ends; a reconnected id is a removal and an addition. */
function edgeKey(e: EdgeDoc): string {
  return JSON.stringify([e.source, e.sourcePort ?? 'out', e.target, e.targetPort ?? 'in']);
}

function nodeKey(n: NodeDoc): string {
  return n.kind;
}

/**
 * Compares the graph a run started with against the one on the canvas.
 *
 *   running:  src ──e1──▶ work ──e2──▶ out
 *   canvas:   src ──e1──▶ work          out   log      (e2 deleted, log added)
 *   → { removedEdges: ['e2'], addedNodes: ['log'], … }
 *
 * @example heldChanges(running, canvas, (kind) => catalog[kind]?.live ?? [])
 */
export function heldChanges(
  running: GraphInput,
  canvas: GraphInput,
  liveParams: (kind: string) => readonly string[],
): HeldChanges {
  const ran = new Map(running.nodes.map((n) => [n.id, n]));
  const now = new Map(canvas.nodes.map((n) => [n.id, n]));
  const ranEdges = new Map((running.edges ?? []).map((e) => [e.id, e]));
  const nowEdges = new Map((canvas.edges ?? []).map((e) => [e.id, e]));
  const same = <T>(a: T | undefined, b: T, key: (x: T) => string) => a !== undefined && key(a) === key(b);

  const changedNodes: HeldChanges['changedNodes'] = [];
  for (const n of canvas.nodes) {
    const before = ran.get(n.id);
    if (!before || !same(before, n, nodeKey)) continue;
    const live = new Set(liveParams(n.kind));
    const keys = new Set([...Object.keys(before.params ?? {}), ...Object.keys(n.params ?? {})]);
    const differs = [...keys].filter(
      (k) => !live.has(k) && JSON.stringify(before.params?.[k]) !== JSON.stringify(n.params?.[k]),
    );
    if (processOf(before) !== processOf(n)) differs.push('process');
    if (replicasOf(before) !== replicasOf(n)) differs.push('replicas');
    if (differs.length > 0) changedNodes.push({ nodeId: n.id, keys: differs.sort() });
  }
  const changedEdges = changedTransports(running, canvas, ranEdges);
  return {
    addedNodes: canvas.nodes.filter((n) => !same(ran.get(n.id), n, nodeKey)).map((n) => n.id),
    removedNodes: running.nodes.filter((n) => !same(now.get(n.id), n, nodeKey)).map((n) => n.id),
    addedEdges: (canvas.edges ?? []).filter((e) => !same(ranEdges.get(e.id), e, edgeKey)).map((e) => e.id),
    removedEdges: (running.edges ?? []).filter((e) => !same(nowEdges.get(e.id), e, edgeKey)).map((e) => e.id),
    changedNodes,
    // Only when there are some: a one-process graph's changes look as they always did.
    ...(changedEdges.length > 0 ? { changedEdges } : {}),
  };
}

/** Edges on both sides, same ends, whose resolved transport is not the one the run has. */
function changedTransports(
  running: GraphInput,
  canvas: GraphInput,
  ranEdges: ReadonlyMap<string, EdgeDoc>,
): string[] {
  // Plain one-process graphs (the usual case) have nothing to compare: skip the lookups.
  const distributed = (doc: GraphInput) =>
    doc.nodes.some((n) => n.process !== undefined || n.replicas !== undefined) ||
    (doc.edges ?? []).some((e) => e.transport !== undefined);
  if (!distributed(running) && !distributed(canvas)) return [];
  const resolver = (doc: GraphInput) => {
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    return (e: EdgeDoc) => edgeTransport(e, byId.get(e.source) ?? {}, byId.get(e.target) ?? {});
  };
  const ran = resolver(running);
  const now = resolver(canvas);
  return (canvas.edges ?? [])
    .filter((e) => {
      const before = ranEdges.get(e.id);
      return before !== undefined && edgeKey(before) === edgeKey(e) && ran(before) !== now(e);
    })
    .map((e) => e.id);
}

/**
 * The changes in words, shortest first, for the notice's title.
 *
 * @example describeHeld(h) // '1 edge removed · 1 node added'
 */
export function describeHeld(h: HeldChanges): string {
  const part = (n: number, what: string, how: string) =>
    n > 0 ? `${n} ${what}${n === 1 ? '' : 's'} ${how}` : '';
  return [
    part(h.addedNodes.length, 'node', 'added'),
    part(h.removedNodes.length, 'node', 'removed'),
    part(h.addedEdges.length, 'edge', 'added'),
    part(h.removedEdges.length, 'edge', 'removed'),
    part(h.changedNodes.length, 'node', 'with settings that need a restart'),
    part(h.changedEdges?.length ?? 0, 'edge', 'with a new transport'),
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The canvas with its held changes undone: the running graph's nodes and edges, keeping what the
 * run already took from the canvas (live params, queue settings) and where nodes were moved, so
 * the canvas and the run agree again without a restart.
 */
export function withoutHeld(
  running: GraphInput,
  canvas: GraphInput,
  liveParams: (kind: string) => readonly string[],
): GraphInput {
  const now = new Map(canvas.nodes.map((n) => [n.id, n]));
  const nowEdges = new Map((canvas.edges ?? []).map((e) => [e.id, e]));
  return {
    ...canvas,
    nodes: running.nodes.map((n) => {
      const current = now.get(n.id);
      if (!current || current.kind !== n.kind) return n;
      const params = { ...n.params };
      for (const key of liveParams(n.kind)) {
        if (current.params && Object.hasOwn(current.params, key)) params[key] = current.params[key];
        else delete params[key];
      }
      return { ...n, position: current.position ?? n.position, params };
    }),
    edges: (running.edges ?? []).map((e) => {
      const current = nowEdges.get(e.id);
      return current && edgeKey(current) === edgeKey(e)
        ? { ...e, capacity: current.capacity, overflow: current.overflow }
        : e;
    }),
  };
}
