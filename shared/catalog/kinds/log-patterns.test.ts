import { describe, expect, it } from 'vitest';
import { parseTemplate } from './log-patterns.js';
import { parseLogKind } from './parse-log.js';

describe('parseTemplate', () => {
  it('splits literal text and named patterns, with or without a field', () => {
    const r = parseTemplate('[%{TIMESTAMP:time}] %{LEVEL} %{GREEDY:message}');
    expect(r).toEqual({
      ok: true,
      parts: [
        { type: 'literal', text: '[' },
        { type: 'pattern', name: 'TIMESTAMP', field: 'time' },
        { type: 'literal', text: '] ' },
        { type: 'pattern', name: 'LEVEL', field: null },
        { type: 'literal', text: ' ' },
        { type: 'pattern', name: 'GREEDY', field: 'message' },
      ],
    });
  });

  it.each([
    ['%{REGEX:x}', /unknown pattern "REGEX" at 0/],
    ['%{WORD:__proto__}', /not a usable field name/],
    ['%{WORD:ts}', /reserved/],
    ['%{WORD:a} %{INT:a}', /captured twice/],
    ['%{WORD:a} %{INT', /malformed %\{…\} at 10/],
    ['just text %{WORD}', /captures no field/],
  ])('refuses %s', (template, message) => {
    const r = parseTemplate(template);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('is enforced by the parse-log params schema, so the compiler locates it', () => {
    const parsed = parseLogKind.params.safeParse({ format: 'pattern', pattern: '%{NOPE:x}' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({
      path: ['pattern'],
      message: expect.stringContaining('NOPE'),
    });
  });
});
