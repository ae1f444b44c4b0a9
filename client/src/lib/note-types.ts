import type { Node } from '@xyflow/react';
import type { GraphNote } from '../../../shared/graph/graph-schema.js';

/** A note as the canvas holds it: the document's fields and whether it is selected (not saved). */
export type CanvasNote = GraphNote & { selected?: boolean };

export interface NoteNodeData extends Record<string, unknown> {
  noteId: string;
  text: string;
}
export type NoteNode = Node<NoteNodeData, 'note'>;

/** React Flow ids of notes are prefixed, so they never meet a graph node's id. */
export const NOTE_PREFIX = 'note:';
export const isNoteFlowId = (id: string): boolean => id.startsWith(NOTE_PREFIX);

/** The document's notes without canvas-only state; absent when there are none (older graphs stay as they were). */
export function notesForDocument(notes: readonly CanvasNote[]): { notes?: GraphNote[] } {
  if (notes.length === 0) return {};
  return {
    notes: notes.map(({ id, position, width, height, text }) => ({ id, position, width, height, text })),
  };
}

/** React Flow nodes for the notes: drawn under the graph's nodes, resizable by their own size. */
export function noteNodes(notes: readonly CanvasNote[], readOnly: boolean): NoteNode[] {
  return notes.map((n) => ({
    id: `${NOTE_PREFIX}${n.id}`,
    type: 'note',
    position: n.position,
    width: n.width,
    height: n.height,
    zIndex: -1,
    selected: Boolean(n.selected),
    draggable: !readOnly,
    connectable: false,
    data: { noteId: n.id, text: n.text },
  }));
}
