import { describe, expect, it } from 'vitest';
import { isRunActive, runBlockReason } from './run-gate.js';

describe('runBlockReason', () => {
  it('allows a valid, idle graph', () => {
    expect(runBlockReason({ phase: 'idle', nodeCount: 3, issues: [] })).toBeNull();
    expect(runBlockReason({ phase: 'stopped', nodeCount: 3, issues: [] })).toBeNull();
  });

  it('explains each reason', () => {
    expect(runBlockReason({ phase: 'idle', nodeCount: 0, issues: [] })).toMatch(/Add a source/);
    expect(runBlockReason({ phase: 'running', nodeCount: 3, issues: [] })).toMatch(/in progress/);
    expect(runBlockReason({ phase: 'idle', nodeCount: 3, issues: [], starting: true })).toMatch(
      /in progress/,
    );
    const issues = [
      { path: 'nodes.1', message: 'input port "in" of "worker-1" is not connected' },
      { path: 'nodes.2', message: 'x' },
    ];
    expect(runBlockReason({ phase: 'idle', nodeCount: 3, issues })).toBe(
      'Fix 2 problems first: input port "in" of "worker-1" is not connected',
    );
  });
});

describe('isRunActive', () => {
  it('is true only between start and end', () => {
    expect(isRunActive('idle')).toBe(false);
    expect(isRunActive('starting')).toBe(true);
    expect(isRunActive('draining')).toBe(true);
    expect(isRunActive('failed')).toBe(false);
  });
});
