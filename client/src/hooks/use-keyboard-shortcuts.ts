import { useEffect } from 'react';
import { startRun } from '../api/run-lifecycle.js';
import { useGraphStore } from '../stores/graph-store.js';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Editor-wide keys. Delete / Backspace are handled by React Flow itself (it knows the selection
 * and skips form fields); here: Ctrl/⌘+Enter runs, Esc deselects.
 */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void startRun();
        return;
      }
      if (e.key === 'Escape') {
        if (isEditable(e.target)) (e.target as HTMLElement).blur();
        useGraphStore.getState().select(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
