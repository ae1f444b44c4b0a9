import { create } from 'zustand';
import type { EdgeMenuAt, PaneMenuAt } from '../components/canvas-menus.js';
import type { GroupMenuAt } from '../components/group-menu.js';
import type { NodeMenuAt } from '../components/node-context-menu.js';
import type { NoteMenuAt } from '../components/note-menu.js';

export type OpenMenu =
  | { node: NodeMenuAt }
  | { edge: EdgeMenuAt }
  | { pane: PaneMenuAt }
  | { group: GroupMenuAt }
  | { note: NoteMenuAt }
  | null;

/**
 * The canvas's one open right-click menu. A store, not component state, because a queue's label
 * (drawn outside React Flow's edge layer) opens the queue's menu too.
 */
export const useCanvasMenuStore = create<{ open: OpenMenu }>()(() => ({ open: null }));

export const openCanvasMenu = (open: OpenMenu): void => useCanvasMenuStore.setState({ open });
export const closeCanvasMenu = (): void => useCanvasMenuStore.setState({ open: null });
