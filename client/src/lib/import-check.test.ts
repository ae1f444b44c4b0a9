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
