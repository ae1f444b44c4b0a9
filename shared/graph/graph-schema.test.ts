import { describe, expect, it } from 'vitest';
import { graphSchema } from './graph-schema.js';

const base = {
  schemaVersion: 1,
  name: 'g',
  nodes: [{ id: 'a', kind: 'generator', label: 'Orders' }],
  edges: [],
};
const note = { id: 'n1', position: { x: 0, y: 0 }, width: 240, height: 120, text: '# Why\n- **slow** DB' };
const pathOf = (doc: unknown) => {
  const r = graphSchema.safeParse(doc);
  return r.success ? null : r.error.issues.map((i) => i.path.join('.'));
};

describe('graph schema: labels and notes (issue 20)', () => {
  it('keeps older graphs valid: no notes, no labels', () => {
    expect(pathOf({ schemaVersion: 1, nodes: [{ id: 'a', kind: 'generator' }] })).toBeNull();
    expect(graphSchema.parse({ schemaVersion: 1, nodes: [] }).notes).toBeUndefined();
  });

  it('accepts labels and notes within their bounds', () => {
    expect(pathOf({ ...base, notes: [note] })).toBeNull();
  });

  it('names the path of a bad field', () => {
    expect(pathOf({ ...base, nodes: [{ id: 'a', kind: 'g', label: 'x'.repeat(201) }] })).toEqual([
      'nodes.0.label',
    ]);
    expect(pathOf({ ...base, notes: [{ ...note, text: 'x'.repeat(4001) }] })).toEqual(['notes.0.text']);
    expect(pathOf({ ...base, notes: [{ ...note, width: 5 }] })).toEqual(['notes.0.width']);
    expect(pathOf({ ...base, notes: [note, { ...note, id: '__proto__' }] })).toEqual(['notes.1.id']);
    expect(
      pathOf({ ...base, notes: Array.from({ length: 201 }, (_, i) => ({ ...note, id: `n${i}` })) }),
    ).toEqual(['notes']);
  });

  it('refuses unknown and poison keys inside a note', () => {
    const poisoned = JSON.parse(
      `{"id":"n","position":{"x":0,"y":0},"width":100,"height":100,"text":"","__proto__":{"x":1}}`,
    );
    expect(pathOf({ ...base, notes: [poisoned] })).toEqual(['notes.0']);
    expect(pathOf({ ...base, notes: [{ ...note, html: '<b>' }] })).toEqual(['notes.0']);
  });
});
