import type { PartPlan } from '../../shared/protocol/cluster.js';

/**
 * End of stream on `nats` edges: an edge is closed upstream once every part producing into it
 * (every replica of a replicated producer) has said `edge-closed`; only then may its consumers
 * end when the stream is empty.
 */
export class EdgeClosures {
  private readonly producers = new Map<string, string[]>();
  private readonly closedBy = new Map<string, Set<string>>();

  constructor(edges: readonly { id: string; source: string }[], parts: readonly PartPlan[]) {
    for (const e of edges)
      this.producers.set(
        e.id,
        parts.filter((p) => p.plan.nodes.some((n) => n.id === e.source)).map((p) => p.partId),
      );
  }

  /** Records one producer's close; true when that closed the edge (its last producer). */
  close(edgeId: string, partId: string): boolean {
    if (!this.producers.has(edgeId) || this.isClosed(edgeId)) return false;
    const closed = this.closedBy.get(edgeId) ?? new Set();
    closed.add(partId);
    this.closedBy.set(edgeId, closed);
    return this.isClosed(edgeId);
  }

  isClosed(edgeId: string): boolean {
    const closed = this.closedBy.get(edgeId);
    return !!closed && (this.producers.get(edgeId) ?? []).every((p) => closed.has(p));
  }
}
