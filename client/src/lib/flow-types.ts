import type { Edge, Node } from '@xyflow/react';
import type { Overflow } from '../../../shared/graph/graph-schema.js';

/** What a canvas node carries: the document's kind and the params the user set (defaults omitted). */
export interface SluiceNodeData extends Record<string, unknown> {
  kind: string;
  params: Record<string, unknown>;
  label?: string;
}

/** What a canvas edge carries: its queue settings. Ports live in sourceHandle / targetHandle. */
export interface QueueEdgeData extends Record<string, unknown> {
  capacity: number;
  overflow: Overflow;
}

export type SluiceNode = Node<SluiceNodeData, 'sluice'>;
export type QueueEdge = Edge<QueueEdgeData, 'queue'>;

export const NODE_TYPE = 'sluice' as const;
export const EDGE_TYPE = 'queue' as const;
