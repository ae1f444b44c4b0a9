import type { KindName } from '../catalog/catalog.js';
import type { Overflow, Transport } from '../graph/graph-schema.js';

/** What the runtime executes: a validated graph with every default resolved, nodes in topological order. */
export interface Plan {
  name: string;
  nodes: PlanNode[];
  edges: PlanEdge[];
}

export interface PlanNode {
  id: string;
  kind: KindName;
  /** Params after the kind's schema applied defaults. */
  params: Record<string, unknown>;
  /** Input port → ids of the edges merged into it. */
  inputs: Record<string, string[]>;
  /** Output port → ids of the edges it broadcasts to (possibly none). */
  outputs: Record<string, string[]>;
  /** Distributed mode: the process (part group) it runs in; absent = "main". */
  process?: string;
  /** Distributed mode: parts that run it; absent = 1. */
  replicas?: number;
}

export interface PlanEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
  capacity: number;
  overflow: Overflow;
  /** Items older than this (ms) expire at the head; absent = never. */
  expireMs?: number;
  /** Resolved transport (`edgeTransport`); absent = memory. */
  transport?: Transport;
  /** As the document asks: fuse (`true`), never fuse (`false`), or as the run says (absent). */
  fuse?: boolean;
  /** Runs fused (resolveFusion): the two ends are one loop and this edge only counts items. */
  fused?: true;
}
