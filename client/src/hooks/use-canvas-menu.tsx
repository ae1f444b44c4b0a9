import { type Edge, type Node, useReactFlow } from '@xyflow/react';
import { type ReactNode, useCallback } from 'react';
import { EdgeContextMenu, PaneContextMenu, type PaneMenuAt } from '../components/canvas-menus.js';
import { GroupContextMenu } from '../components/group-menu.js';
import type { MenuItem } from '../components/menu.js';
import { NodeContextMenu } from '../components/node-context-menu.js';
import { NoteContextMenu } from '../components/note-menu.js';
import { GROUP_PREFIX, isGroupFlowId } from '../lib/group-model.js';
import { isNoteFlowId, NOTE_PREFIX } from '../lib/note-types.js';
import { closeCanvasMenu, openCanvasMenu, useCanvasMenuStore } from '../stores/canvas-menu-store.js';

/**
 * The canvas's right-click menus (one open at a time): handlers for React Flow and the open menu
 * to render. `paneExtra` adds items of other concerns (notes) to the pane's menu.
 */
export function useCanvasMenu(paneExtra: (at: PaneMenuAt) => MenuItem[]): {
  onNodeContextMenu: (e: React.MouseEvent, node: Node) => void;
  onEdgeContextMenu: (e: React.MouseEvent, edge: Edge) => void;
  onPaneContextMenu: (e: React.MouseEvent | MouseEvent) => void;
  menu: ReactNode;
} {
  const { screenToFlowPosition } = useReactFlow();
  const open = useCanvasMenuStore((s) => s.open);
  const onNodeContextMenu = useCallback((e: React.MouseEvent, node: Node) => {
    e.preventDefault();
    if (isNoteFlowId(node.id)) {
      const noteId = node.id.slice(NOTE_PREFIX.length);
      return openCanvasMenu({ note: { noteId, x: e.clientX, y: e.clientY } });
    }
    if (isGroupFlowId(node.id)) {
      const groupId = node.id.slice(GROUP_PREFIX.length);
      return openCanvasMenu({ group: { groupId, x: e.clientX, y: e.clientY } });
    }
    openCanvasMenu({ node: { nodeId: node.id, x: e.clientX, y: e.clientY } });
  }, []);
  const onEdgeContextMenu = useCallback((e: React.MouseEvent, edge: Edge) => {
    e.preventDefault();
    openCanvasMenu({ edge: { edgeId: edge.id, x: e.clientX, y: e.clientY } });
  }, []);
  const onPaneContextMenu = useCallback(
    (e: React.MouseEvent | MouseEvent) => {
      e.preventDefault();
      const flow = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      openCanvasMenu({ pane: { x: e.clientX, y: e.clientY, flow } });
    },
    [screenToFlowPosition],
  );
  let menu: ReactNode = null;
  if (open && 'node' in open) menu = <NodeContextMenu at={open.node} onClose={closeCanvasMenu} />;
  else if (open && 'edge' in open) menu = <EdgeContextMenu at={open.edge} onClose={closeCanvasMenu} />;
  else if (open && 'group' in open) menu = <GroupContextMenu at={open.group} onClose={closeCanvasMenu} />;
  else if (open && 'note' in open) menu = <NoteContextMenu at={open.note} onClose={closeCanvasMenu} />;
  else if (open && 'pane' in open)
    menu = <PaneContextMenu at={open.pane} extra={paneExtra(open.pane)} onClose={closeCanvasMenu} />;
  return { onNodeContextMenu, onEdgeContextMenu, onPaneContextMenu, menu };
}
