import { useReactFlow } from '@xyflow/react';
import { layoutGraph, redoEdit, undoEdit } from '../actions/edit-actions.js';
import { useFitGraph } from '../hooks/use-fit-graph.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';

/**
 * Floating tools over the canvas: undo / redo, auto-layout, zoom and fit, the minimap, and the
 * shortcut sheet. One strip along the top, so no corner of the canvas is covered by controls.
 */
export function CanvasToolbar() {
  const canUndo = useGraphStore((s) => s.past.length > 0 && !s.readOnly);
  const canRedo = useGraphStore((s) => s.future.length > 0 && !s.readOnly);
  const canLayout = useGraphStore((s) => s.nodes.length > 0 && !s.readOnly);
  const fitGraph = useFitGraph();
  const fit = () => fitGraph();
  const { zoomIn, zoomOut } = useReactFlow();
  const minimap = useUiStore((s) => s.minimap);
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Canvas tools">
      <ToolButton testId="undo-button" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={undoEdit}>
        ↶
      </ToolButton>
      <ToolButton testId="redo-button" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={redoEdit}>
        ↷
      </ToolButton>
      <span className="canvas-toolbar__sep" aria-hidden="true" />
      <ToolButton
        testId="layout-button"
        title="Auto-layout left to right (L)"
        disabled={!canLayout}
        onClick={() => void layoutGraph(fit)}
      >
        <span className="canvas-toolbar__label">Layout</span>
      </ToolButton>
      <span className="canvas-toolbar__sep" aria-hidden="true" />
      <ToolButton testId="zoom-out-button" title="Zoom out" onClick={() => void zoomOut({ duration: 150 })}>
        −
      </ToolButton>
      <ToolButton testId="fit-button" title="Fit the graph in view (F)" onClick={fit}>
        <span className="canvas-toolbar__label">Fit</span>
      </ToolButton>
      <ToolButton testId="zoom-in-button" title="Zoom in" onClick={() => void zoomIn({ duration: 150 })}>
        +
      </ToolButton>
      <ToolButton
        testId="minimap-button"
        title={minimap ? 'Hide the minimap' : 'Show a minimap of the whole graph'}
        pressed={minimap}
        onClick={() => useUiStore.getState().toggleMinimap()}
      >
        <span className="canvas-toolbar__label">Map</span>
      </ToolButton>
      <span className="canvas-toolbar__sep" aria-hidden="true" />
      <ToolButton
        testId="shortcuts-button"
        title="Keyboard shortcuts (?)"
        onClick={() => useUiStore.getState().openDialog('shortcuts')}
      >
        ?
      </ToolButton>
    </div>
  );
}

function ToolButton(props: {
  testId: string;
  title: string;
  disabled?: boolean;
  pressed?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      className="canvas-toolbar__btn"
      data-testid={props.testId}
      title={props.title}
      aria-label={props.title}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}
