import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-client.js';
import { followRefusal } from './trace-actions.js';

describe('followRefusal', () => {
  it('says what to do on 429 and 409, with the server’s reason', () => {
    expect(followRefusal(new ApiRequestError(429, 'too_many_traces', '20 items are followed already.'))).toBe(
      'Not followed: 20 items are followed already. Wait for one to finish, or stop following 1 in N elsewhere.',
    );
    expect(followRefusal(new ApiRequestError(409, 'not_running', 'The run is paused'))).toBe(
      'Not followed: The run is paused. Follow while the run is going.',
    );
  });

  it('names a missing run or key in words', () => {
    expect(followRefusal(new ApiRequestError(404, 'not_found', 'x'))).toMatch(/not on the server/);
    expect(followRefusal(new ApiRequestError(403, 'forbidden', 'x'))).toMatch(/no key to this run/);
  });
});
