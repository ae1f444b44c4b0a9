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

  it('shows epoch-ms timestamps in time columns as a time of day, not a 13-digit number', () => {
    const ts = new Date(2026, 11, 6, 23, 1, 2, 345).getTime();
    expect(cellText(ts, 80, 'ts')).toBe('23:01:02.345');
    expect(cellText(ts, 80, 'receivedAt')).toBe('23:01:02.345');
    // The same number elsewhere, or a small number under `ts`, stays a number.
    expect(cellText(ts, 80, 'value')).toBe(String(ts));
    expect(cellText(42, 80, 'ts')).toBe('42');
  });
});
