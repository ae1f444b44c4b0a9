import { describe, expect, it } from 'vitest';
import { checkImport } from './import-check.js';

const doc = (extra: object) =>
  JSON.stringify({ schemaVersion: 1, name: 'x', nodes: [], edges: [], ...extra });

describe('checkImport', () => {
  it('refuses what is not JSON or not a graph, saying what is wrong', () => {
    expect(checkImport('{ nope')).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/not JSON/),
    });
    const r = checkImport(JSON.stringify({ schemaVersion: 2, nodes: 'x' }));
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.issues.length).toBeGreaterThan(0);
  });

  it('names an empty file, and sends a recording file to Import recording', () => {
    // Found by the new-user pass: an empty file showed nothing at all, and an exported
    // recording showed three schema errors about fields a graph does not have.
    expect(checkImport('', 'empty.json')).toEqual({
      kind: 'invalid',
      message: 'empty.json is empty: there is nothing in it to import.',
      issues: [],
    });
    expect(checkImport('', null).kind).toBe('empty');
    const toRecordingImport = {
      kind: 'invalid',
      message: 'This is a recording (a run’s frames), not a graph: open it with File → Import recording….',
      issues: [],
    };
    const recording = JSON.stringify({ slug: 'abc', graph: JSON.parse(doc({})), frames: [], events: [] });
    expect(checkImport(recording)).toEqual(toRecordingImport);
    // The file Export downloads has no frames array: its encoded recording beside the graph.
    const exported = JSON.stringify({
      format: 'sluice-recording',
      version: 1,
      name: 'x',
      graph: JSON.parse(doc({})),
      hz: 10,
      recording: {},
    });
    expect(checkImport(exported)).toEqual(toRecordingImport);
  });

  /*
   *   a ──▶ b ──▶ a   (a cycle: a graph document, but it will not run)
   */
  it('opens a document that does not compile, with its issues', () => {
    const r = checkImport(
      doc({
        nodes: [
          { id: 'a', kind: 'worker', position: { x: 0, y: 0 }, params: {} },
          { id: 'b', kind: 'worker', position: { x: 0, y: 0 }, params: {} },
        ],
        edges: [
          { id: 'e1', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'in' },
          { id: 'e2', source: 'b', sourcePort: 'out', target: 'a', targetPort: 'in' },
        ],
      }),
    );
    expect(r.kind).toBe('issues');
    expect(r.kind === 'issues' && r.issues.some((i) => /cycle/i.test(i.message))).toBe(true);
  });

  it('accepts a graph that compiles', () => {
    expect(checkImport(doc({})).kind).toBe('ok');
    expect(checkImport('  ').kind).toBe('empty');
  });
});
