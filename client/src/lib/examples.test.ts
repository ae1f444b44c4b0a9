import { describe, expect, it } from 'vitest';
import { parseExamples, parseLesson } from './examples.js';

describe('parseLesson', () => {
  it('labels the parts of each step', () => {
    const lesson = parseLesson({
      intro: 'Blocking queues push back.',
      steps: [
        { title: 'Watch', look: 'the queue e1', change: 'capacity to 8', see: 'it fills', why: 'it blocks' },
      ],
    });
    expect(lesson.intro).toBe('Blocking queues push back.');
    expect(lesson.steps[0]).toEqual({
      title: 'Watch',
      sections: [
        { label: 'Look at', text: 'the queue e1' },
        { label: 'Change', text: 'capacity to 8' },
        { label: 'You will see', text: 'it fills' },
        { label: 'Why', text: 'it blocks' },
      ],
    });
  });

  it("keeps a step's live edit when it is a valid PATCH body", () => {
    const patch = { edges: { q: { capacity: 512 } } };
    const lesson = parseLesson({
      steps: [
        { look: 'a', patch },
        { look: 'b', patch: { edges: { q: { capacity: -1 } } } },
      ],
    });
    expect(lesson.steps[0]?.patch).toEqual(patch);
    expect(lesson.steps[1]?.patch).toBeUndefined();
  });

  it('accepts bare arrays and text, and names unknown parts', () => {
    expect(parseLesson(['one', { hintText: 'two' }]).steps).toEqual([
      { sections: [{ label: '', text: 'one' }] },
      { sections: [{ label: 'Hint Text', text: 'two' }] },
    ]);
    expect(parseLesson(null).steps).toEqual([]);
  });
});

describe('parseExamples', () => {
  it('keeps examples with a valid graph only', () => {
    const good = { schemaVersion: 1, name: 'g', nodes: [], edges: [] };
    const out = parseExamples({
      examples: [
        { id: 'a', title: 'A', summary: 's', lesson: { steps: [] }, graph: good },
        { id: 'b', title: 'B', graph: { nodes: 'nope' } },
      ],
    });
    expect(out.map((e) => e.id)).toEqual(['a']);
  });
});
