import { deleteNote, duplicateNote } from '../actions/note-actions.js';
import { useGraphStore } from '../stores/graph-store.js';
import { editNote } from '../stores/note-edit-store.js';
import { ContextMenu } from './context-menu.js';
import type { MenuItem } from './menu.js';

/** Where a right-click on a note happened. */
export interface NoteMenuAt {
  noteId: string;
  x: number;
  y: number;
}

/** The menu of one note: write in it, copy it beside itself, or delete it (each undoable). */
export function NoteContextMenu({ at, onClose }: { at: NoteMenuAt; onClose: () => void }) {
  const exists = useGraphStore((s) => s.notes.some((n) => n.id === at.noteId));
  const readOnly = useGraphStore((s) => s.readOnly);
  if (!exists || readOnly) return null;
  const id = at.noteId;
  const items: MenuItem[] = [
    { label: 'Edit', hint: 'Enter', testId: 'note-menu-edit', onSelect: () => editNote(id) },
    { label: 'Duplicate', testId: 'note-menu-duplicate', onSelect: () => void duplicateNote(id) },
    { label: 'Delete', hint: 'Del', testId: 'note-menu-delete', onSelect: () => deleteNote(id) },
  ];
  return <ContextMenu x={at.x} y={at.y} title="Note" testId="note-menu" items={items} onClose={onClose} />;
}
