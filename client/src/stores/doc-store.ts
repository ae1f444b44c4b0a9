import { create } from 'zustand';
import { toGraphDocument } from '../lib/flow-convert.js';
import { useGraphStore } from './graph-store.js';

/** Where the graph on the canvas is saved, if anywhere, and whether it changed since. */
export interface DocMeta {
  graphId: string;
  slug: string;
  revision: number;
}

interface DocState {
  meta: DocMeta | null;
  /**
   * The document the canvas is compared with (JSON): as last saved or opened, or as loaded from
   * the gallery (an untouched example has nothing to lose); null for a draft never saved.
   */
  savedKey: string | null;
  /** The canvas differs from savedKey (or holds a draft never saved). */
  dirty: boolean;
  saving: boolean;
  setSaved: (meta: DocMeta | null, savedKey: string | null) => void;
  /** The canvas as it is now is the reference: nothing to lose until the next edit. */
  markClean: () => void;
  setSaving: (saving: boolean) => void;
}

/** The document as the server would store it: what "unsaved changes" compares. */
export function currentDocKey(): string {
  const { name, nodes, edges, notes, groups } = useGraphStore.getState();
  return JSON.stringify(toGraphDocument(name, nodes, edges, notes, groups));
}

/** A draft never saved (nor loaded from the gallery) counts as unsaved as soon as it has a node. */
function isDirty(savedKey: string | null): boolean {
  if (savedKey === null) return useGraphStore.getState().nodes.length > 0;
  return currentDocKey() !== savedKey;
}

export const useDocStore = create<DocState>()((set) => ({
  meta: null,
  savedKey: null,
  dirty: false,
  saving: false,
  setSaved: (meta, savedKey) => set({ meta, savedKey, dirty: isDirty(savedKey) }),
  markClean: () => set({ savedKey: currentDocKey(), dirty: false }),
  setSaving: (saving) => set({ saving }),
}));

// Recomputed after edits, not drags in progress: a key is one JSON.stringify of the document.
useGraphStore.subscribe((s, prev) => {
  if (
    s.nodes === prev.nodes &&
    s.edges === prev.edges &&
    s.notes === prev.notes &&
    s.groups === prev.groups &&
    s.name === prev.name
  )
    return;
  const dirty = isDirty(useDocStore.getState().savedKey);
  if (dirty !== useDocStore.getState().dirty) useDocStore.setState({ dirty });
});

/**
 * Asks before replacing a graph with unsaved changes (open, new, import, gallery). True when it
 * is fine to go on.
 */
export function confirmDiscard(doing: string): boolean {
  const { dirty } = useDocStore.getState();
  if (!dirty) return true;
  const { name } = useGraphStore.getState();
  return window.confirm(`“${name}” has unsaved changes. ${doing} and discard them?`);
}
