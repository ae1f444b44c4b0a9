import { useEffect } from 'react';
import { saveGraph } from '../actions/doc-actions.js';
import {
  copySelection,
  cutSelection,
  layoutGraph,
  pasteClipboard,
  redoEdit,
  undoEdit,
} from '../actions/edit-actions.js';
import { groupSelection } from '../actions/group-actions.js';
import { stepFrame } from '../actions/replay.js';
import { startRun } from '../api/run-lifecycle.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useTimelineStore } from '../stores/timeline-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useFitGraph } from './use-fit-graph.js';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The keys the shortcut sheet lists, in one table, so the sheet and the handler cannot disagree. */
export const SHORTCUTS: ReadonlyArray<{
  keys: string[];
  what: string;
  group: 'Edit' | 'View' | 'Run & file';
}> = [
  { keys: ['Del'], what: 'Delete the selection', group: 'Edit' },
  { keys: ['Ctrl', 'Z'], what: 'Undo', group: 'Edit' },
  { keys: ['Ctrl', 'Shift', 'Z'], what: 'Redo', group: 'Edit' },
  { keys: ['Ctrl', 'C'], what: 'Copy the selected nodes', group: 'Edit' },
  { keys: ['Ctrl', 'X'], what: 'Cut', group: 'Edit' },
  { keys: ['Ctrl', 'V'], what: 'Paste', group: 'Edit' },
  { keys: ['Ctrl', 'D'], what: 'Duplicate the selection', group: 'Edit' },
  { keys: ['Ctrl', 'A'], what: 'Select everything', group: 'Edit' },
  { keys: ['Ctrl', 'G'], what: 'Group the selected nodes in a frame', group: 'Edit' },
  { keys: ['Shift', 'drag'], what: 'Box-select; Shift+click adds to the selection', group: 'Edit' },
  { keys: ['L'], what: 'Auto-layout left to right', group: 'View' },
  { keys: ['F'], what: 'Fit the graph in view', group: 'View' },
  { keys: ['Esc'], what: 'Close a dialog, or clear the selection', group: 'View' },
  { keys: ['?'], what: 'This sheet', group: 'View' },
  { keys: ['Ctrl', 'Enter'], what: 'Run the graph', group: 'Run & file' },
  { keys: ['←', '→'], what: 'Step the timeline one frame back or forward', group: 'Run & file' },
  { keys: ['Ctrl', 'S'], what: 'Save (a new revision)', group: 'Run & file' },
];

/**
 * Editor-wide keys. Inside text fields the browser's own Ctrl+C/V/Z keep working; only
 * Ctrl+S, Ctrl+Enter and Esc reach the editor from there.
 */
export function useKeyboardShortcuts(): void {
  const frame = useFitGraph();
  useEffect(() => {
    const fitGraph = () => frame();
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const ui = useUiStore.getState();
      if (mod && key === 's') {
        e.preventDefault();
        void saveGraph();
        return;
      }
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        if (!ui.dialog) void startRun();
        return;
      }
      if (e.key === 'Escape') {
        if (ui.dialog) ui.closeDialog();
        else {
          if (isEditable(e.target)) (e.target as HTMLElement).blur();
          useGraphStore.getState().select(null);
        }
        return;
      }
      if (ui.dialog || isEditable(e.target)) return;
      const g = useGraphStore.getState();
      const handled = mod ? modKey(key, e.shiftKey, g) : plainKey(e.key, fitGraph);
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [frame]);
}

function modKey(key: string, shift: boolean, g: ReturnType<typeof useGraphStore.getState>): boolean {
  switch (key) {
    case 'z':
      if (shift) redoEdit();
      else undoEdit();
      return true;
    case 'y':
      redoEdit();
      return true;
    case 'c':
      return copySelection();
    case 'x':
      cutSelection();
      return true;
    case 'v':
      return pasteClipboard();
    case 'd':
      g.duplicateSelection();
      return true;
    case 'a':
      g.selectAll();
      return true;
    case 'g':
      if (!g.readOnly) groupSelection();
      return true;
    default:
      return false;
  }
}

function plainKey(key: string, fitGraph: () => void): boolean {
  switch (key) {
    case 'Delete':
    case 'Backspace':
      useGraphStore.getState().deleteSelection();
      return true;
    case '?':
      useUiStore.getState().openDialog('shortcuts');
      return true;
    case 'l':
    case 'L':
      void layoutGraph(fitGraph);
      return true;
    case 'f':
    case 'F':
      fitGraph();
      return true;
    case 'ArrowLeft':
    case 'ArrowRight':
      // Only with a timeline, and not while a node is selected (React Flow moves it with arrows).
      if (!useTimelineStore.getState().source || useGraphStore.getState().selection) return false;
      stepFrame(key === 'ArrowLeft' ? -1 : 1);
      return true;
    default:
      return false;
  }
}
