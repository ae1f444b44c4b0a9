import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../../shared/catalog/catalog.js';
import {
  type FieldModel,
  formFields,
  humanize,
  parseNumberInput,
  rangeHint,
  valueAt,
  withValueAt,
} from './schema-form.js';

function paramsOf(kind: string): Record<string, unknown> {
  const entry = catalogEntries().find((e) => e.kind === kind);
  if (!entry) throw new Error(`no kind ${kind}`);
  return entry.params;
}

function field(fields: FieldModel[], name: string): FieldModel {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
}

describe('humanize', () => {
  it('splits camelCase and pulls out units', () => {
    expect(humanize('serviceTimeMs')).toEqual({ label: 'Service time', unit: 'ms' });
    expect(humanize('payloadBytes')).toEqual({ label: 'Payload', unit: 'bytes' });
    expect(humanize('rate')).toEqual({ label: 'Rate' });
    expect(humanize('url')).toEqual({ label: 'URL' });
    expect(humanize('webhookUrl')).toEqual({ label: 'Webhook URL' });
    expect(humanize('Ms')).toEqual({ label: 'Ms' });
  });
});

describe('formFields on the real catalog', () => {
  it('reads a nullable number with its range and default (generator.rate)', () => {
    // ARRANGE
    const fields = formFields(paramsOf('generator'));
    // ACT
    const rate = field(fields, 'rate');
    // ASSERT
    expect(rate).toMatchObject({ type: 'number', nullable: true, integer: false, min: 0.1, max: 10_000_000 });
    expect(rate.default).toBe(100);
  });

  it('drops the MAX_SAFE_INTEGER pseudo-bound zod writes for open integers (generator.count)', () => {
    const count = field(formFields(paramsOf('generator')), 'count');
    expect(count).toMatchObject({ type: 'number', integer: true, nullable: true, min: 1 });
    expect(count).not.toHaveProperty('max');
  });

  it('turns enums into options (worker.distribution)', () => {
    const dist = field(formFields(paramsOf('worker')), 'distribution');
    expect(dist).toMatchObject({ type: 'enum', options: ['constant', 'uniform', 'exponential'] });
    expect(dist.default).toBe('constant');
  });

  it('nests object params as a group with dotted names (retry)', () => {
    const retry = field(formFields(paramsOf('worker')), 'retry');
    expect(retry.type).toBe('group');
    if (retry.type !== 'group') return;
    expect(retry.fields.map((f) => f.name)).toEqual(['retry.attempts', 'retry.baseMs', 'retry.maxMs']);
    expect(retry.fields[1]).toMatchObject({ label: 'Base', unit: 'ms', min: 0 });
  });

  it('falls back to a JSON field for shapes it does not know', () => {
    const fields = formFields({
      type: 'object',
      properties: { odd: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
    });
    expect(fields[0]).toMatchObject({ type: 'json', name: 'odd' });
  });

  it('returns nothing for a schema without properties', () => {
    expect(formFields({ type: 'object' })).toEqual([]);
  });
});

describe('valueAt / withValueAt', () => {
  it('reads nested values', () => {
    expect(valueAt({ retry: { attempts: 5 } }, ['retry', 'attempts'])).toBe(5);
    expect(valueAt({ retry: { attempts: 5 } }, ['retry', 'baseMs'])).toBeUndefined();
    expect(valueAt({}, ['rate'])).toBeUndefined();
  });

  it('sets without mutating and removes emptied objects', () => {
    const before = { rate: 10 };
    const set = withValueAt(before, ['retry', 'attempts'], 4);
    expect(set).toEqual({ rate: 10, retry: { attempts: 4 } });
    expect(before).toEqual({ rate: 10 });
    expect(withValueAt(set, ['retry', 'attempts'], undefined)).toEqual({ rate: 10 });
    expect(withValueAt(set, ['rate'], null)).toEqual({ rate: null, retry: { attempts: 4 } });
  });
});

describe('parseNumberInput and rangeHint', () => {
  it('parses numbers, nulls and drafts', () => {
    expect(parseNumberInput(' 2000 ', false)).toBe(2000);
    expect(parseNumberInput('', true)).toBeNull();
    expect(parseNumberInput('', false)).toBeUndefined();
    expect(parseNumberInput('1e', false)).toBeUndefined();
  });

  it('describes ranges', () => {
    expect(rangeHint({ min: 0.1, max: 10_000_000 })).toBe('0.1 – 10,000,000');
    expect(rangeHint({ min: 1 })).toBe('≥ 1');
    expect(rangeHint({})).toBeUndefined();
  });
});
