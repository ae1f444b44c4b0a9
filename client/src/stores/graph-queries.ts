import type { Connection, Edge } from '@xyflow/react';
import { connectionProblem } from '../lib/connection-rules.js';
import { type NodePorts, portsFor } from '../lib/ports.js';
import { useCatalogStore } from './catalog-store.js';
import { useGraphStore } from './graph-store.js';

/** The ports a node on the canvas has now (dynamic outputs follow their param). */
export function currentPorts(nodeId: string): NodePorts | undefined {
  const node = useGraphStore.getState().nodes.find((n) => n.id === nodeId);
  if (!node) return undefined;
  return portsFor(useCatalogStore.getState().byKind[node.data.kind], node.data.params);
}

/** Why a connection would be refused, or null; the same rule for the drag preview and the drop. */
export function problemWith(c: Connection | Edge): string | null {
  return connectionProblem(c, useGraphStore.getState().edges, currentPorts);
}
