import { defineKind } from '../define-kind.js';
import { expressionSchema } from './param-schemas.js';

export const filterKind = defineKind({
  kind: 'filter',
  title: 'Filter',
  category: 'transform',
  icon: '⊻',
  summary: 'Keeps the items an expression holds true for',
  docs:
    'Evaluates `expression` for each item and passes the item on unchanged when the result is truthy ' +
    '(false, null, 0 and "" are false; everything else is true). Other items are discarded — that is ' +
    'the point of a filter, so they are not counted as drops or errors; the in/out rates show how many ' +
    'passed. Example: `level == "ERROR" or level == "WARN"`.',
  inputs: ['in'],
  outputs: ['out'],
  params: {
    expression: expressionSchema('true').describe('Items for which this is truthy pass'),
  },
  live: [],
  expressions: ['expression'],
  fusable: true,
});
