import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile.js';

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params });

/** The message of the issue at `path` when `doc` is compiled. */
function messageAt(doc: unknown, path: string): string | undefined {
  const result = compileGraph(doc);
  return result.ok ? undefined : result.issues.find((i) => i.path === path)?.message;
}

describe('validation issues say what the value must be', () => {
  //   src ──e1──▶ work ──e2──▶ out, with one bad value at a time
  const graph = (src: Record<string, unknown>, work: Record<string, unknown>, e1: object = {}) => ({
    schemaVersion: 1,
    nodes: [node('src', 'generator', src), node('work', 'worker', work), node('out', 'counter')],
    edges: [
      { id: 'e1', source: 'src', target: 'work', ...e1 },
      { id: 'e2', source: 'work', target: 'out' },
    ],
  });

  it.each([
    ['a rate below its minimum', graph({ rate: -5 }, {}), 'nodes.0.params.rate', 'must be at least 0.1'],
    [
      'a rate above its maximum',
      graph({ rate: 1e9 }, {}),
      'nodes.0.params.rate',
      'must be at most 10,000,000',
    ],
    [
      'a fractional concurrency',
      graph({}, { concurrency: 2.5 }),
      'nodes.1.params.concurrency',
      'must be a whole number',
    ],
    [
      'a probability above 1',
      graph({}, { failureRate: 2 }),
      'nodes.1.params.failureRate',
      'must be at most 1',
    ],
    [
      'a negative service time',
      graph({}, { serviceTimeMs: -1 }),
      'nodes.1.params.serviceTimeMs',
      'must be at least 0',
    ],
  ])('%s', (_, doc, path, words) => {
    // ACT + ASSERT: the words, not zod's "Too small: expected number to be >=0.1"
    expect(messageAt(doc, path)).toBe(words);
  });

  it('keeps a schema’s own message (capacity’s “must be a whole number”) and type mismatches as zod says', () => {
    expect(messageAt(graph({}, {}, { capacity: 1.5 }), 'edges.0.capacity')).toBe('must be a whole number');
    expect(messageAt(graph({ rate: 'fast' }, {}), 'nodes.0.params.rate')).toMatch(/expected number/);
  });
});
