import { describe, expect, it } from 'vitest';
import { graphSchema } from '../../../shared/graph/graph-schema.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { useGraphStore } from '../stores/graph-store.js';
import { addNote, applyNoteChanges, setNoteText } from './note-actions.js';

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
});
