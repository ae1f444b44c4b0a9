import { describe, expect, it } from 'vitest';
import { graphSchema } from '../../../shared/graph/graph-schema.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { useGraphStore } from '../stores/graph-store.js';
import {
  addNote,
  applyNoteChanges,
  deleteNote,
  duplicateNote,
  resizeNote,
  setNoteText,
} from './note-actions.js';

describe('note actions', () => {
  it('adds, edits and resizes a note, and the document carries it (without canvas-only state)', () => {
    useGraphStore.getState().load({ schemaVersion: 1, name: 't', nodes: [] });
    const id = addNote({ x: 10.4, y: 20 });
    expect(id).toBe('n1');
    setNoteText('n1', '# Hi');
    applyNoteChanges([
      {
        id: 'note:n1',
        type: 'dimensions',
        resizing: true,
        setAttributes: true,
        dimensions: { width: 400, height: 200 },
      },
    ]);
    const g = useGraphStore.getState();
    const doc = toGraphDocument(g.name, g.nodes, g.edges, g.notes);
    expect(doc.notes).toEqual([
      { id: 'n1', position: { x: 10, y: 20 }, width: 400, height: 200, text: '# Hi' },
    ]);
    expect(graphSchema.safeParse(doc).success).toBe(true);
  });

  it('changes nothing on a read-only graph', () => {
    useGraphStore.getState().load(
      {
        schemaVersion: 1,
        name: 't',
        nodes: [],
        notes: [{ id: 'a', position: { x: 0, y: 0 }, width: 100, height: 100, text: 'x' }],
      },
      { readOnly: true },
    );
    expect(addNote({ x: 0, y: 0 })).toBeNull();
    setNoteText('a', 'changed');
    applyNoteChanges([
      { id: 'note:a', type: 'dimensions', resizing: true, dimensions: { width: 400, height: 200 } },
    ]);
    expect(useGraphStore.getState().notes).toEqual([
      { id: 'a', position: { x: 0, y: 0 }, width: 100, height: 100, text: 'x' },
    ]);
  });

  describe('undo and redo', () => {
    const g = () => useGraphStore.getState();
    const shape = () =>
      g().notes.map(({ id, position, width, height, text }) => ({ id, position, width, height, text }));
    const fresh = () => {
      g().load({
        schemaVersion: 1,
        name: 't',
        nodes: [{ id: 'a', kind: 'generator', position: { x: 0, y: 0 } }],
      });
      addNote({ x: 0, y: 0 });
    };

    it('undoes adding, writing in and deleting a note, one step each, and redoes them', () => {
      fresh();
      setNoteText('n1', 'first');
      setNoteText('n1', 'second');
      deleteNote('n1');
      expect(g().notes).toEqual([]);
      g().undo();
      expect(shape()).toEqual([expect.objectContaining({ id: 'n1', text: 'second' })]);
      g().undo();
      expect(shape()[0]?.text).toBe('first');
      g().undo();
      g().undo();
      expect(g().notes).toEqual([]);
      // The graph's own node was never touched.
      expect(g().nodes.map((n) => n.id)).toEqual(['a']);
      g().redo();
      g().redo();
      expect(shape()[0]?.text).toBe('first');
      g().redo();
      g().redo();
      expect(g().notes).toEqual([]);
    });

    it('undoes a resize by its grip as one step, however many moves it took', () => {
      fresh();
      for (let w = 250; w <= 400; w += 10) resizeNote('n1', w, 200);
      expect(shape()[0]).toMatchObject({ width: 400, height: 200 });
      g().undo();
      expect(shape()[0]).toMatchObject({ width: 240, height: 140 });
      g().redo();
      expect(shape()[0]).toMatchObject({ width: 400, height: 200 });
    });

    it('undoes a drag of a note as one step; selecting it or a press that moves nothing is no step', () => {
      fresh();
      const steps = g().past.length;
      applyNoteChanges([{ id: 'note:n1', type: 'select', selected: false }]);
      applyNoteChanges([{ id: 'note:n1', type: 'select', selected: true }]);
      g().beginDrag();
      g().endDrag();
      expect(g().past.length).toBe(steps);
      g().beginDrag();
      for (let x = 16; x <= 160; x += 16)
        applyNoteChanges([{ id: 'note:n1', type: 'position', position: { x, y: 32 }, dragging: true }]);
      g().endDrag();
      expect(g().past.length).toBe(steps + 1);
      expect(shape()[0]?.position).toEqual({ x: 160, y: 32 });
      g().undo();
      expect(shape()[0]?.position).toEqual({ x: 0, y: 0 });
      // Undo keeps what is selected now: the note stays selected.
      expect(g().notes[0]?.selected).toBe(true);
    });

    it('duplicates a note beside itself (selected, a new id), undone in one step; Del removes selected notes', () => {
      fresh();
      setNoteText('n1', 'hello');
      expect(duplicateNote('n1')).toBe('n2');
      expect(shape()).toEqual([
        expect.objectContaining({ id: 'n1', text: 'hello', position: { x: 0, y: 0 } }),
        expect.objectContaining({ id: 'n2', text: 'hello', position: { x: 32, y: 32 } }),
      ]);
      expect(g().notes.map((n) => Boolean(n.selected))).toEqual([false, true]);
      g().deleteSelection();
      expect(shape().map((n) => n.id)).toEqual(['n1']);
      g().undo();
      expect(shape().map((n) => n.id)).toEqual(['n1', 'n2']);
      g().undo();
      expect(shape().map((n) => n.id)).toEqual(['n1']);
    });
  });
});
