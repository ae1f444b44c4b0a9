import { defineKind } from '../define-kind.js';
import { expressionSchema, fieldNameSchema } from './param-schemas.js';

export const mapKind = defineKind({
  kind: 'map',
  title: 'Map',
  category: 'transform',
  icon: 'ƒ',
  summary: 'Sets a field to the value of an expression',
  docs:
    'For each item, evaluates `expression` against the item and emits a copy of the item with ' +
    '`field` set to the result (a new field is added; an existing one is replaced). The input item is ' +
    'never changed. Expressions read item fields by name (`value * 2`, `upper(level)`, ' +
    '`if(status >= 500, "bad", "ok")`); a missing field or a failed operation gives null, never an error.',
  inputs: ['in'],
  outputs: ['out'],
  params: {
    expression: expressionSchema('value').describe('Computed for each item'),
    field: fieldNameSchema('value').describe('Top-level field the result is written to'),
  },
  live: [],
  expressions: ['expression'],
  fusable: true,
});
