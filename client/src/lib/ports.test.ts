import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../shared/catalog/catalog.js';
import { portsFor } from './ports.js';

const roundRobin = {
  kind: 'round-robin',
  inputs: ['in'],
  outputs: [],
  dynamicOutputs: { prefix: 'out', countParam: 'outputs' },
  params: { type: 'object', properties: { outputs: { type: 'integer', default: 2 } } },
} as unknown as CatalogEntry;

describe('portsFor', () => {
  it('derives out0 … out{n-1} from the param, or its default', () => {
    expect(portsFor(roundRobin, {}).outputs).toEqual(['out0', 'out1']);
    expect(portsFor(roundRobin, { outputs: 4 }).outputs).toEqual(['out0', 'out1', 'out2', 'out3']);
    expect(portsFor(roundRobin, { outputs: 0 }).outputs).toEqual([]);
    expect(portsFor(roundRobin, { outputs: 'x' }).outputs).toEqual([]);
  });

  it('returns the same arrays for the same count (no re-render churn)', () => {
    expect(portsFor(roundRobin, { outputs: 3 })).toBe(portsFor(roundRobin, { outputs: 3 }));
  });

  it('keeps fixed ports as declared', () => {
    const worker = { inputs: ['in'], outputs: ['out', 'error'] } as unknown as CatalogEntry;
    expect(portsFor(worker, {})).toEqual({ inputs: ['in'], outputs: ['out', 'error'] });
    expect(portsFor(undefined, {})).toEqual({ inputs: [], outputs: [] });
  });
});
