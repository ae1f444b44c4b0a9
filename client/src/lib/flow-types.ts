import type { Edge, Node } from '@xyflow/react';
import type { Overflow, Transport } from '../../../shared/graph/graph-schema.js';

/** What a canvas node carries: the document's kind and the params the user set (defaults omitted). */
export interface SluiceNodeData extends Record<string, unknown> {
  kind: string;
  params: Record<string, unknown>;
  label?: string;
  /** Distributed mode: the process the node runs in (absent = "main"). */
  process?: string;
  /** Distributed mode: parts that run this node (absent = 1). */
  replicas?: number;
  /**
   * Only on the canvas while a run goes, never in the document: `added` is not running yet,
   * `removed` is gone from the document but still runs until the next run, `changed` has
   * settings that take effect at the next run.
   */
  held?: Held;
}

/** How a node or edge on the canvas differs from the running graph (see shared/graph/held-changes.ts). */
export type Held = 'added' | 'removed' | 'changed';

/** What a canvas edge carries: its queue settings. Ports live in sourceHandle / targetHandle. */
export interface QueueEdgeData extends Record<string, unknown> {
  capacity: number;
  overflow: Overflow;
  /** `memory` or `nats`; absent = chosen from the ends' processes and replicas (edgeTransport). */
  transport?: Transport;
  /** Items older than this (ms) are dropped at the head, counted as expired; absent = never. */
  expireMs?: number;
  /** Fast path (issue 21): `true` runs both ends as one loop; absent = a queue, as always. */
  fuse?: boolean;
  held?: Held;
}

export type SluiceNode = Node<SluiceNodeData, 'sluice'>;
export type QueueEdge = Edge<QueueEdgeData, 'queue'>;

export const NODE_TYPE = 'sluice' as const;
export const EDGE_TYPE = 'queue' as const;
