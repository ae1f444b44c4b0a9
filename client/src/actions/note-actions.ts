import type { NodeChange, XYPosition } from '@xyflow/react';
import { MAX_NOTE_TEXT, MAX_NOTES } from '../../../shared/graph/graph-schema.js';
import { type CanvasNote, isNoteFlowId, NOTE_PREFIX } from '../lib/note-types.js';
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
  const id = freeNoteId(notes);
  const note = {
    id,
    position: { x: Math.round(at.x), y: Math.round(at.y) },
    ...NOTE_SIZE,
    text: '**Note**\nDouble-click to edit.',
    selected: true,
  };
  useGraphStore.getState().setNotes([...notes.map(unselected), note]);
  return id;
}

const unselected = (n: CanvasNote): CanvasNote => (n.selected ? { ...n, selected: false } : n);

function freeNoteId(notes: readonly CanvasNote[]): string {
  let n = notes.length + 1;
  while (notes.some((x) => x.id === `n${n}`)) n += 1;
  return `n${n}`;
}

/** A copy of a note beside it (down and right one grid step twice), selected. */
export function duplicateNote(id: string): string | null {
  const { notes, readOnly } = useGraphStore.getState();
  const note = notes.find((n) => n.id === id);
  if (readOnly || !note) return null;
  if (notes.length >= MAX_NOTES) {
    toast(`A graph holds at most ${MAX_NOTES} notes: delete one first`, 'warn');
    return null;
  }
  const copy = {
    ...note,
    id: freeNoteId(notes),
    position: { x: note.position.x + 32, y: note.position.y + 32 },
    selected: true,
  };
  useGraphStore.getState().setNotes([...notes.map(unselected), copy]);
  return copy.id;
}

export function setNoteText(id: string, text: string): void {
  const { notes, readOnly } = useGraphStore.getState();
  if (readOnly) return;
  const clipped = text.slice(0, MAX_NOTE_TEXT);
  if (!notes.some((n) => n.id === id && n.text !== clipped)) return;
  useGraphStore.getState().setNotes(notes.map((n) => (n.id === id ? { ...n, text: clipped } : n)));
}

/** A note's new size (the corner grip), kept within the document's bounds. */
export function resizeNote(id: string, width: number, height: number): void {
  const { notes, readOnly } = useGraphStore.getState();
  if (readOnly) return;
  const clamp = (v: number, min: number) => Math.round(Math.min(4_000, Math.max(min, v)));
  const w = clamp(width, 120);
  const h = clamp(height, 60);
  if (!notes.some((n) => n.id === id && (n.width !== w || n.height !== h))) return;
  // One undo step per resize: the grip's moves come well within a second of each other.
  useGraphStore.getState().setNotes(
    notes.map((n) => (n.id === id ? { ...n, width: w, height: h } : n)),
    'edit',
    `note-size:${id}`,
  );
}

export function deleteNote(id: string): void {
  const { notes, readOnly } = useGraphStore.getState();
  if (!readOnly && notes.some((n) => n.id === id))
    useGraphStore.getState().setNotes(notes.filter((n) => n.id !== id));
}

/**
 * React Flow's changes to note nodes: moves, resizes (NodeResizer), selection and removal. The
 * rest of the changes are the graph's and go to its store.
 */
export function applyNoteChanges(changes: NodeChange[]): void {
  const { notes, readOnly } = useGraphStore.getState();
  let next = notes;
  /** The strongest kind of change seen: a removal or resize is an edit, a move part of a drag. */
  let how = 'select' as 'select' | 'move' | 'edit';
  const at = (k: typeof how) => {
    if (k === 'edit' || (k === 'move' && how === 'select')) how = k;
  };
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
      const x = Math.round(p.x);
      const y = Math.round(p.y);
      patch(c.id, (n) => {
        if (n.position.x === x && n.position.y === y) return n;
        at('move');
        return { ...n, position: { x, y } };
      });
    } else if (c.type === 'dimensions' && c.dimensions && c.resizing !== undefined) {
      const d = c.dimensions;
      at('edit');
      patch(c.id, (n) => ({
        ...n,
        width: Math.max(40, Math.round(d.width)),
        height: Math.max(40, Math.round(d.height)),
      }));
    } else if (c.type === 'remove') {
      at('edit');
      patch(c.id, () => null);
    }
  }
  if (next !== notes)
    useGraphStore.getState().setNotes(next, how, how === 'edit' ? 'note-change' : undefined);
}
