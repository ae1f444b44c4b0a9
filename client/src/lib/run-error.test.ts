import { describe, expect, it } from 'vitest';
import { describeRunError } from './run-error.js';

describe('describeRunError', () => {
  it('names the failing node once, whatever the message repeats', () => {
    expect(describeRunError({ nodeId: 'x', message: 'x: node x failed: boom' })).toEqual({
      nodeId: 'x',
      reason: 'boom',
      text: 'x failed: boom',
    });
    expect(describeRunError({ nodeId: 'worker', message: 'worker: simulated failure (item 17)' }).text).toBe(
      'worker failed: simulated failure (item 17)',
    );
  });

  it('keeps a message that only mentions the node later, and one without a node', () => {
    expect(describeRunError({ nodeId: 'w', message: 'w: cannot reach w-db' }).reason).toBe(
      'cannot reach w-db',
    );
    expect(describeRunError({ nodeId: 'w', message: 'wx: boom' }).reason).toBe('wx: boom');
    expect(describeRunError({ message: 'out of memory' })).toEqual({
      reason: 'out of memory',
      text: 'out of memory',
    });
  });

  it('treats node ids as text, not patterns', () => {
    expect(describeRunError({ nodeId: 'a.b', message: 'a.b: boom' }).reason).toBe('boom');
    expect(describeRunError({ nodeId: 'a.b', message: 'axb: boom' }).reason).toBe('axb: boom');
  });
});
