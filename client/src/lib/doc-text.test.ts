import { describe, expect, it } from 'vitest';
import { splitDocText } from './doc-text.js';

describe('splitDocText', () => {
  it('marks backticked names as code', () => {
    expect(splitDocText('at `rate` items/s')).toEqual([
      { text: 'at ', code: false },
      { text: 'rate', code: true },
      { text: ' items/s', code: false },
    ]);
  });

  it('keeps plain text and unmatched backticks as text', () => {
    expect(splitDocText('plain')).toEqual([{ text: 'plain', code: false }]);
    expect(splitDocText('a ` b')).toEqual([{ text: 'a ` b', code: false }]);
    expect(splitDocText('')).toEqual([]);
  });
});
