import { z } from 'zod';
import { defineKind } from '../define-kind.js';

export const logKind = defineKind({
  kind: 'log',
  title: 'Log',
  category: 'sink',
  icon: '☰',
  summary: 'Sampled lines to the UI console',
  docs:
    'Turns items into lines for the run console (`run:log`), at most `maxLinesPerSecond` lines per ' +
    'second (a burst of that many, then a steady rate); the rest are counted as sampled out, never ' +
    'queued. `format` is `json` (the whole item) or a template such as `{level} {message}`, where ' +
    '`{field}` or `{a.b}` reads a field (missing ones print as -). Lines are cut at 1,000 characters.',
  inputs: ['in'],
  outputs: [],
  params: {
    format: z
      .string()
      .min(1)
      .max(500)
      .default('json')
      .describe('`json`, or a template like {level} {message}'),
    maxLinesPerSecond: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(20)
      .describe('Lines sent per second, at most'),
  },
  live: ['format', 'maxLinesPerSecond'],
});
