import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type DefaultEdgeOptions,
  type Edge,
  type EdgeTypes,
  MarkerType,
  MiniMap,
  type NodeTypes,
  ReactFlow,
} from '@xyflow/react';
import { useCallback } from 'react';
import { useDropKind } from '../hooks/use-drop-kind.js';
import type { QueueEdge as QueueEdgeType, SluiceNode } from '../lib/flow-types.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { EmptyState } from './empty-state.js';
import { QueueEdge } from './queue-edge.js';
import { SluiceNodeView } from './sluice-node.js';

const nodeTypes: NodeTypes = { sluice: SluiceNodeView };
const edgeTypes: EdgeTypes = { queue: QueueEdge };
const defaultEdgeOptions: DefaultEdgeOptions = {
  type: 'queue',
  markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#5b6578' },
};
const SNAP: [number, number] = [16, 16];
const DELETE_KEYS = ['Delete', 'Backspace'];

const CATEGORY_COLOURS: Record<string, string> = { source: '#22d3ee', transform: '#a78bfa', sink: '#f472b6' };

export function FlowCanvas() {
  const nodes = useGraphStore((s) => s.nodes);
  const edges = useGraphStore((s) => s.edges);
  const onNodesChange = useGraphStore((s) => s.onNodesChange);
  const onEdgesChange = useGraphStore((s) => s.onEdgesChange);
  const onConnect = useGraphStore((s) => s.onConnect);
  const { onDragOver, onDrop } = useDropKind();

  // One queue per (port, port) pair, and no self-loops; other cycles are reported by the compiler.
  const isValidConnection = useCallback((c: Connection | Edge) => {
    if (c.source === c.target) return false;
    return !useGraphStore
      .getState()
      .edges.some(
        (e) =>
          e.source === c.source &&
          e.target === c.target &&
          e.sourceHandle === c.sourceHandle &&
          e.targetHandle === c.targetHandle,
      );
  }, []);

  return (
    <div className="canvas" data-testid="canvas">
      <ReactFlow<SluiceNode, QueueEdgeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onDragOver={onDragOver}
        onDrop={onDrop}
        snapToGrid
        snapGrid={SNAP}
        deleteKeyCode={DELETE_KEYS}
        colorMode="dark"
        minZoom={0.25}
        maxZoom={2}
        attributionPosition="top-right"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="#2a3140" />
        <Controls position="bottom-left" showInteractive={false} />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeColor={(n) => CATEGORY_COLOURS[categoryOf(n as SluiceNode)] ?? '#64748b'}
          nodeStrokeWidth={0}
          maskColor="rgba(8, 10, 14, 0.7)"
        />
      </ReactFlow>
      {nodes.length === 0 && <EmptyState />}
    </div>
  );
}

function categoryOf(node: SluiceNode): string {
  return useCatalogStore.getState().byKind[node.data.kind]?.category ?? 'unknown';
}
