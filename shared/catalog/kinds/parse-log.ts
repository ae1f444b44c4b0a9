import { z } from 'zod';
import { defineKind } from '../define-kind.js';
import { LOG_PATTERNS, parseTemplate } from './log-patterns.js';
import { fieldNameSchema } from './param-schemas.js';

const patternList = Object.entries(LOG_PATTERNS)
  .map(([name, p]) => `${name} (${p.description})`)
  .join('; ');

export const parseLogKind = defineKind({
  kind: 'parse-log',
  title: 'Parse log',
  category: 'transform',
  icon: '¶',
  summary: 'Turns log lines into fields',
  docs:
    'Parses the text in `field` (default `line`) into fields. Format pipe: `time|level|message` (the ' +
    'message may itself contain |). Format pattern: a template of literal text and named patterns ' +
    '%{NAME:field} (or %{NAME} to match without keeping), matched against the whole line; a space in ' +
    `the template matches one or more spaces. Patterns: ${patternList}. ` +
    'With keyValues, key=value and key="quoted value" pairs in the message become fields too ' +
    '(numbers as numbers; they never replace id, ts, time, level or message; at most 32 per line). ' +
    'The output is the input item without the parsed text plus the new fields. A line that does not ' +
    'parse is an error and follows the error policy: fail stops the run, skip drops and counts it, ' +
    'dead-letter sends the item out of the error port with error: { message, attempts, nodeId }; ' +
    'retry parses it again, at once, up to retry.attempts times (a line parses the same way every ' +
    'time, so this only dead-letters it later). Matching uses RE2: linear time in the line, whatever it holds.',
  inputs: ['in'],
  outputs: ['out', 'error'],
  params: {
    format: z.enum(['pipe', 'pattern']).default('pipe').describe('time|level|message, or a pattern template'),
    pattern: z
      .string()
      .max(500)
      .default('%{TIMESTAMP:time} %{LEVEL:level} %{GREEDY:message}')
      .superRefine((template, ctx) => {
        const parsed = parseTemplate(template);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
      })
      .describe('Format pattern: the template, e.g. %{TIMESTAMP:time} %{LEVEL:level} %{GREEDY:message}'),
    field: fieldNameSchema('line').describe('The field holding the text to parse'),
    keyValues: z.boolean().default(true).describe('Also turn key=value pairs in the message into fields'),
  },
  fails: true,
  live: [],
});
