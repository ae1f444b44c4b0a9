import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './functions.js';
import { LANGUAGE_REFERENCE } from './reference.js';
import { run } from './test-helpers.js';

const ref = LANGUAGE_REFERENCE;

describe('LANGUAGE_REFERENCE', () => {
  it('is plain JSON data', () => {
    expect(JSON.parse(JSON.stringify(ref))).toEqual(ref);
  });

  it.each([...ref.literals, ...ref.operators, ...ref.functions].map((e) => [e.example, e.result]))(
    'example %s gives %s',
    (example, result) => {
      expect(JSON.stringify(run(example, ref.sampleItem))).toBe(result);
    },
  );

  it('documents every function the compiler accepts, with a signature', () => {
    expect(ref.functions.map((f) => f.name).sort()).toEqual([...FUNCTIONS.keys()].sort());
    for (const f of ref.functions) expect(f.signature.startsWith(`${f.name}(`)).toBe(true);
  });

  it('lists operators loosest first', () => {
    const p = ref.operators.map((o) => o.precedence);
    expect(p).toEqual([...p].sort((a, b) => a - b));
  });
});
