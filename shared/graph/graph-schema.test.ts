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

describe('graph schema: groups (issue 20)', () => {
  const two = {
    ...base,
    nodes: [
      { id: 'a', kind: 'generator' },
      { id: 'b', kind: 'worker' },
      { id: 'c', kind: 'counter' },
    ],
  };
  const group = { id: 'g1', title: 'Intake', color: 'teal', nodeIds: ['a', 'b'] };

  it('keeps older graphs valid and accepts a group, collapsed or not', () => {
    expect(graphSchema.parse(two).groups).toBeUndefined();
    expect(pathOf({ ...two, groups: [group] })).toBeNull();
    expect(pathOf({ ...two, groups: [{ ...group, collapsed: true }] })).toBeNull();
  });

  it('names the member that is not a node, or is in a group already', () => {
    expect(pathOf({ ...two, groups: [{ ...group, nodeIds: ['a', 'zz'] }] })).toEqual(['groups.0.nodeIds.1']);
    expect(pathOf({ ...two, groups: [{ ...group, nodeIds: ['a', 'a'] }] })).toEqual(['groups.0.nodeIds.1']);
    expect(pathOf({ ...two, groups: [group, { ...group, id: 'g2', nodeIds: ['c', 'b'] }] })).toEqual([
      'groups.1.nodeIds.1',
    ]);
    expect(pathOf({ ...two, groups: [group, { ...group, nodeIds: ['c'] }] })).toEqual(['groups.1.id']);
  });

  it('bounds titles, colours, members and the count', () => {
    expect(pathOf({ ...two, groups: [{ ...group, title: 'x'.repeat(81) }] })).toEqual(['groups.0.title']);
    expect(pathOf({ ...two, groups: [{ ...group, color: '#f00; background:url(x)' }] })).toEqual([
      'groups.0.color',
    ]);
    expect(pathOf({ ...two, groups: [{ ...group, nodeIds: [] }] })).toEqual(['groups.0.nodeIds']);
    const many = Array.from({ length: 101 }, (_, i) => ({ ...group, id: `g${i}`, nodeIds: ['a'] }));
    expect(pathOf({ ...two, groups: many })).toEqual(['groups']);
  });

  it('refuses unknown and poison keys inside a group', () => {
    const poisoned = JSON.parse('{"id":"g","title":"t","color":"red","nodeIds":["a"],"constructor":{"x":1}}');
    expect(pathOf({ ...two, groups: [poisoned] })).toEqual(['groups.0']);
    expect(pathOf({ ...two, groups: [{ ...group, x: 10 }] })).toEqual(['groups.0']);
    // A reserved id that is also not a node: both said, at the same path.
    expect(new Set(pathOf({ ...two, groups: [{ ...group, nodeIds: ['__proto__'] }] }))).toEqual(
      new Set(['groups.0.nodeIds.0']),
    );
  });
});
