import { describe, expect, it } from 'vitest';
import { nextEdgeId, nextNodeId } from './ids.js';

describe('nextNodeId', () => {
  it('starts at 1 per kind', () => {
    expect(nextNodeId('generator', [])).toBe('generator-1');
    expect(nextNodeId('worker', ['generator-1'])).toBe('worker-1');
  });

  it('goes one past the highest, never reusing a gap', () => {
    expect(nextNodeId('worker', ['worker-1', 'worker-3'])).toBe('worker-4');
  });

  it('ignores ids of other kinds that share a prefix', () => {
    expect(nextNodeId('map', ['map-2', 'map-x', 'mapper-9'])).toBe('map-3');
  });
});

describe('nextEdgeId', () => {
  it('numbers edges e1, e2, …', () => {
    expect(nextEdgeId([])).toBe('e1');
    expect(nextEdgeId(['e1', 'e7', 'edge'])).toBe('e8');
  });
});
