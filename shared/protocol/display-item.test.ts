import { describe, expect, it } from 'vitest';
import {
  approxJsonBytes,
  displayItem,
  MAX_DISPLAY_ITEM_BYTES,
  truncatedBytes,
  truncatedLabel,
} from './display-item.js';

describe('displayItem', () => {
  it('passes small items through untouched (the same object)', () => {
    const item = { id: 1, ts: 2, key: 'k3', value: 0.5, tags: ['a', 'b'] };
    expect(displayItem(item)).toBe(item);
    expect(truncatedBytes(item)).toBeUndefined();
  });

  it('cuts a 64 KB payload to a preview, keeps the small fields, and marks the real size', () => {
    const item = { id: 7, ts: 1000, key: 'k1', value: 3, payload: 'x'.repeat(65_536) };
    const shown = displayItem(item) as Record<string, unknown>;
    expect(shown).toMatchObject({ id: 7, ts: 1000, key: 'k1', value: 3 });
    expect(shown.payload).toBe(`${'x'.repeat(64)}…`);
    expect(truncatedBytes(shown)).toBe(approxJsonBytes(item));
    expect(truncatedBytes(shown)).toBeGreaterThan(65_536);
    expect(JSON.stringify(shown).length).toBeLessThanOrEqual(MAX_DISPLAY_ITEM_BYTES);
    expect(item.payload.length).toBe(65_536); // the item itself is not changed
  });

  it('stays within the bound for many fields and big nested values', () => {
    const wide = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`field${i}`, i]));
    expect(JSON.stringify(displayItem(wide)).length).toBeLessThanOrEqual(MAX_DISPLAY_ITEM_BYTES);
    const nested = { id: 1, rows: Array.from({ length: 1_000 }, (_, i) => ({ i })) };
    expect(displayItem(nested)).toMatchObject({ id: 1, rows: '[… 1000 entries]' });
    expect(displayItem('y'.repeat(10_000))).toMatchObject({ value: `${'y'.repeat(64)}…` });
  });
});

describe('truncatedLabel', () => {
  it('names the whole item size in KB', () => {
    expect(truncatedLabel(65_555)).toBe('truncated, 64 KB');
    expect(truncatedLabel(2_560)).toBe('truncated, 2.5 KB');
    expect(truncatedLabel(3 * 1024 * 1024)).toBe('truncated, 3,072 KB');
  });
});
