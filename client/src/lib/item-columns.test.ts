import { describe, expect, it } from 'vitest';
import { cellText, itemColumns } from './item-columns.js';

describe('itemColumns', () => {
  it('collects keys in first-seen order, bounded', () => {
    expect(itemColumns([{ id: 1, value: 2 }, 'x', { id: 2, extra: true }])).toEqual(['id', 'value', 'extra']);
    expect(itemColumns([{ a: 1, b: 2, c: 3 }], 2)).toEqual(['a', 'b']);
  });

  it('renders cells compactly', () => {
    expect(cellText('ERROR')).toBe('ERROR');
    expect(cellText({ a: [1] })).toBe('{"a":[1]}');
    expect(cellText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
