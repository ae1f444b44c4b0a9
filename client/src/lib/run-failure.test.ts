import { describe, expect, it } from 'vitest';
import { failureOf } from './run-failure.js';

describe('failureOf', () => {
  it('keeps a node error, else turns a failed run’s reason into its error', () => {
    expect(failureOf({ status: 'failed', error: { nodeId: 'w', message: 'boom' }, reason: 'x' })).toEqual({
      nodeId: 'w',
      message: 'boom',
    });
    expect(
      failureOf({ status: 'failed', reason: 'the server instance that coordinated it stopped' }),
    ).toEqual({
      message: 'the server instance that coordinated it stopped',
    });
  });

  it('gives no error for a run stopped with a reason, or failed without one', () => {
    expect(failureOf({ status: 'stopped', reason: 'no one watching for 30 s' })).toBeUndefined();
    expect(failureOf({ status: 'failed' })).toBeUndefined();
    expect(failureOf({ status: 'failed', reason: '' })).toBeUndefined();
  });
});
