import type { NodeChange, XYPosition } from '@xyflow/react';
import { MAX_NOTE_TEXT, MAX_NOTES } from '../../../shared/graph/graph-schema.js';
import { isNoteFlowId, NOTE_PREFIX } from '../lib/note-types.js';
import { useGraphStore } from '../stores/graph-store.js';
import { toast } from '../stores/toast-store.js';

const NOTE_SIZE = { width: 240, height: 140 };

/** Adds a note at a canvas point, selected and ready to write in; returns its id. */
export function addNote(at: XYPosition): string | null {
  const { notes, readOnly } = useGraphStore.getState();
  if (readOnly) return null;
  if (notes.length >= MAX_NOTES) {
    toast(`A graph holds at most ${MAX_NOTES} notes: delete one first`, 'warn');
    return null;
  }
  let n = notes.length + 1;
  while (notes.some((x) => x.id === `n${n}`)) n += 1;
  const id = `n${n}`;
  const note = {
    id,
    position: { x: Math.round(at.x), y: Math.round(at.y) },
    ...NOTE_SIZE,
    text: '**Note**\nDouble-click to edit.',
    selected: true,
  };
  useGraphStore.setState({ notes: [...notes.map((x) => ({ ...x, selected: false })), note] });
  return id;
}

export function setNoteText(id: string, text: string): void {
  const { notes, readOnly } = useGraphStore.getState();
  if (readOnly) return;
  const clipped = text.slice(0, MAX_NOTE_TEXT);
  useGraphStore.setState({
    notes: notes.map((n) => (n.id === id && n.text !== clipped ? { ...n, text: clipped } : n)),
  });
}

/** A note's new size (the corner grip), kept within the document's bounds. */
export function resizeNote(id: string, width: number, height: number): void {
  const { notes, readOnly } = useGraphStore.getState();
  if (readOnly) return;
  const clamp = (v: number, min: number) => Math.round(Math.min(4_000, Math.max(min, v)));
  const w = clamp(width, 120);
  const h = clamp(height, 60);
  useGraphStore.setState({
    notes: notes.map((n) =>
      n.id === id && (n.width !== w || n.height !== h) ? { ...n, width: w, height: h } : n,
    ),
  });
}

export function deleteNote(id: string): void {
  const { notes, readOnly } = useGraphStore.getState();
  if (!readOnly) useGraphStore.setState({ notes: notes.filter((n) => n.id !== id) });
}

/**
 * React Flow's changes to note nodes: moves, resizes (NodeResizer), selection and removal. The
 * rest of the changes are the graph's and go to its store.
 */
export function applyNoteChanges(changes: NodeChange[]): void {
  const { notes, readOnly } = useGraphStore.getState();
  let next = notes;
  const patch = (flowId: string, f: (n: (typeof notes)[number]) => (typeof notes)[number] | null) => {
    const id = flowId.slice(NOTE_PREFIX.length);
    next = next.flatMap((n) => {
      if (n.id !== id) return [n];
      const r = f(n);
      return r ? [r] : [];
    });
  };
  for (const c of changes) {
    if (!('id' in c) || !isNoteFlowId(c.id)) continue;
    if (c.type === 'select') patch(c.id, (n) => ({ ...n, selected: c.selected }));
    else if (readOnly) continue;
    else if (c.type === 'position' && c.position) {
      const p = c.position;
      patch(c.id, (n) => ({ ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } }));
    } else if (c.type === 'dimensions' && c.dimensions && c.resizing !== undefined) {
      const d = c.dimensions;
      patch(c.id, (n) => ({
        ...n,
        width: Math.max(40, Math.round(d.width)),
        height: Math.max(40, Math.round(d.height)),
      }));
    } else if (c.type === 'remove') patch(c.id, () => null);
  }
  if (next !== notes) useGraphStore.setState({ notes: next });
}
