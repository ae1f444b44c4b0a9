import {
  Background,
  BackgroundVariant,
  type Connection,
  type DefaultEdgeOptions,
  type Edge,
  type EdgeTypes,
  type FinalConnectionState,
  MarkerType,
  MiniMap,
  type NodeTypes,
  ReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { insertIfOnEdge } from '../actions/canvas-actions.js';
import { holdFrameForDrag, settleGroupAfterDrag } from '../actions/group-actions.js';
import { addNote } from '../actions/note-actions.js';
import { useCanvasMenu } from '../hooks/use-canvas-menu.js';
import { type CanvasNode, useCanvasNodes } from '../hooks/use-canvas-nodes.js';
import { useDropKind } from '../hooks/use-drop-kind.js';
import { useFitGraph } from '../hooks/use-fit-graph.js';
import { useIsPhone } from '../hooks/use-phone.js';
import { useRefitOnHeld } from '../hooks/use-refit-on-held.js';
import type { QueueEdge as QueueEdgeType, SluiceNode } from '../lib/flow-types.js';
import { isGroupFlowId } from '../lib/group-model.js';
import { isNoteFlowId } from '../lib/note-types.js';
import { CATEGORY_PAINT } from '../lib/overview-paint.js';
import { isRunActive } from '../lib/run-gate.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useLessonStore } from '../stores/examples-store.js';
import { problemWith } from '../stores/graph-queries.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { toast } from '../stores/toast-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { BottleneckBanner } from './bottleneck-banner.js';
import type { PaneMenuAt } from './canvas-menus.js';
import { CanvasToolbar } from './canvas-toolbar.js';
import { attemptOf, ConnectionHint } from './connection-hint.js';
import { EmptyState } from './empty-state.js';
import { GroupBox } from './group-box.js';
import { GroupFrame } from './group-frame.js';
import { HeldChangesBanner } from './held-changes-banner.js';
import type { MenuItem } from './menu.js';
import { NoteView } from './note-view.js';
import { OverviewLayer } from './overview-layer.js';
import { PastBanner } from './past-banner.js';
import { QueueEdge } from './queue-edge.js';
import { ReadOnlyBanner } from './read-only-banner.js';
import { ReconnectBanner } from './reconnect-banner.js';
import { RunErrorBanner } from './run-error-banner.js';
import { SluiceNodeView } from './sluice-node.js';
import { TraceTokens } from './trace-tokens.js';

const nodeTypes: NodeTypes = {
  sluice: SluiceNodeView,
  note: NoteView,
  groupFrame: GroupFrame,
  groupBox: GroupBox,
};
const edgeTypes: EdgeTypes = { queue: QueueEdge };
const defaultEdgeOptions: DefaultEdgeOptions = {
  type: 'queue',
  markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#5b6578' },
};
const SNAP: [number, number] = [16, 16];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: false };
const MINIMAP_SIZE = { width: 168, height: 112 };

/** The empty canvas's menu adds a note where it was opened. */
const paneNoteItems = (at: PaneMenuAt): MenuItem[] => [
  { label: 'Add a note here', testId: 'pane-menu-add-note', onSelect: () => void addNote(at.flow) },
];

export function FlowCanvas() {
  // Notes, group frames and boxes, and the graph as shown (while a run goes, deleted parts that
  // still run stay drawn), in one list: use-canvas-nodes.ts.
  const { nodes, edges, onNodesChange } = useCanvasNodes();
  const readOnly = useGraphStore((s) => s.readOnly);
  // Live numbers stop while the socket is down: drawn faded, so a frozen canvas does not pass for live.
  const offline = useRunStore((s) => !s.connected && s.runId !== null && isRunActive(s.phase));
  const onEdgesChange = useGraphStore((s) => s.onEdgesChange);
  const onConnect = useGraphStore((s) => s.onConnect);
  const beginDrag = useGraphStore((s) => s.beginDrag);
  const endDrag = useGraphStore((s) => s.endDrag);
  const { onDragOver, onDrop } = useDropKind();
  const loads = useGraphStore((s) => s.loads);
  const fitGraph = useFitGraph();
  const lessonOpen = useLessonStore((s) => s.example !== null && !s.collapsed);
  const minimap = useUiStore((s) => s.minimap);
  const canvasRef = useRef<HTMLDivElement>(null);

  // Frame every graph put on the canvas (draft, open, import, example) once its nodes are
  // measured — and only then: re-framing after an edit would move the canvas under the pointer.
  const fitRef = useRef(fitGraph);
  fitRef.current = fitGraph;
  useEffect(() => {
    if (loads === 0) return;
    const timer = setTimeout(() => fitRef.current(false), 60);
    return () => clearTimeout(timer);
  }, [loads]);

  // Except when a run holds edits and the shape drawn no longer fits (use-refit-on-held.ts).
  const holding = useRefitOnHeld(fitGraph);
  // A phone's canvas is only the overview, and held edits change what must fit: keep the whole
  // graph framed as the canvas changes size then, as beside a lesson.
  const phone = useIsPhone();
  const keepFramed = lessonOpen || phone || holding;

  // Beside a lesson the canvas changes size as panels come and go (the inspector for a
  // selection, the bottom panel for a run's items): keep the whole graph in view (and so on a
  // phone, and while edits are held).
  useEffect(() => {
    const el = canvasRef.current;
    if (!keepFramed || !el) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = `${el.clientWidth}x${el.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const size = `${el.clientWidth}x${el.clientHeight}`;
      if (size === last) return;
      last = size;
      clearTimeout(timer);
      timer = setTimeout(() => fitRef.current(false), 80);
    });
    observer.observe(el);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [keepFramed]);

  // The minimap comes and goes from the toolbar; framing again keeps nodes from under it.
  const firstMinimap = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: minimap is the trigger on purpose
  useEffect(() => {
    if (firstMinimap.current) {
      firstMinimap.current = false;
      return;
    }
    const timer = setTimeout(() => fitRef.current(), 30);
    return () => clearTimeout(timer);
  }, [minimap]);

  const { onNodeContextMenu, onEdgeContextMenu, onPaneContextMenu, menu } = useCanvasMenu(paneNoteItems);
  // A node dragged alone: its group's frame stays put meanwhile, so the user sees it leave.
  const onNodeDragStart = useCallback(
    (_: unknown, node: CanvasNode, dragged: CanvasNode[]) => {
      beginDrag();
      if (dragged.length <= 1 && !isNoteFlowId(node.id) && !isGroupFlowId(node.id)) holdFrameForDrag(node.id);
    },
    [beginDrag],
  );
  // A lone unconnected node dropped onto a queue goes into it (one undo step with the drag).
  const onNodeDragStop = useCallback(
    (e: MouseEvent | TouchEvent, node: CanvasNode, dragged: CanvasNode[]) => {
      const p = 'changedTouches' in e ? e.changedTouches[0] : e;
      const graphNode = !isNoteFlowId(node.id) && !isGroupFlowId(node.id);
      if (p && dragged.length <= 1 && graphNode) {
        insertIfOnEdge(node.id, p.clientX, p.clientY, false);
        // Dropped clear of its group's other nodes a node leaves the group; dropped into a frame, joins it.
        settleGroupAfterDrag(node.id);
      }
      endDrag();
    },
    [endDrag],
  );

  const isValidConnection = useCallback((c: Connection | Edge) => problemWith(c) === null, []);

  // Dropping on a port that refuses says why (the hint showed it while dragging, too).
  const onConnectEnd = useCallback((_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
    const attempt = attemptOf(state.fromHandle, state.toHandle);
    toast(
      `Not connected: ${attempt ? (problemWith(attempt) ?? 'refused') : 'connect an output port to an input port'}`,
      'warn',
    );
  }, []);

  return (
    <div
      className={`canvas${readOnly ? ' is-read-only' : ''}${offline ? ' is-offline' : ''}`}
      data-testid="canvas"
      ref={canvasRef}
    >
      <ReactFlow<CanvasNode, QueueEdgeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeContextMenu={onEdgeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStart={beginDrag}
        onSelectionDragStop={endDrag}
        onDragOver={onDragOver}
        onDrop={onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        snapToGrid
        snapGrid={SNAP}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        colorMode="dark"
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > 150}
        proOptions={PRO_OPTIONS}
        attributionPosition="bottom-right"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="#2a3140" />
        <OverviewLayer />
        {minimap && nodes.length > 0 && (
          <MiniMap
            position="bottom-right"
            style={MINIMAP_SIZE}
            pannable
            zoomable
            nodeColor={(n) => CATEGORY_PAINT[categoryOf(n as SluiceNode)] ?? CATEGORY_PAINT.unknown!}
            nodeStrokeWidth={0}
            maskColor="rgba(8, 10, 14, 0.7)"
          />
        )}
        <ConnectionHint />
        <TraceTokens />
      </ReactFlow>
      {/* Toolbar, then banners in the room right of it (and right of an open lesson). */}
      <div className="canvas__top">
        <CanvasToolbar />
        <div className="canvas__overlays">
          <ReconnectBanner />
          <ReadOnlyBanner />
          <PastBanner />
          <RunErrorBanner />
          <HeldChangesBanner />
          <BottleneckBanner />
        </div>
      </div>
      {nodes.length === 0 && <EmptyState />}
      {menu}
    </div>
  );
}

function categoryOf(node: SluiceNode): string {
  return useCatalogStore.getState().byKind[node.data.kind]?.category ?? 'unknown';
}
