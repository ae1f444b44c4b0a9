import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../../shared/catalog/catalog.js';
import { paletteGroups } from './palette-groups.js';

describe('paletteGroups', () => {
  it('orders categories as a pipeline reads: sources, transforms, sinks', () => {
    const groups = paletteGroups(catalogEntries());
    expect(groups.map((g) => g.title)).toEqual(['Sources', 'Transforms', 'Sinks']);
    expect(groups[0]?.entries.map((e) => e.kind)).toContain('generator');
    for (const [i, category] of ['source', 'transform', 'sink'].entries()) {
      expect(groups[i]!.entries.every((e) => e.category === category)).toBe(true);
    }
  });

  it('puts unknown categories last with a readable title', () => {
    const [first] = catalogEntries();
    if (!first) throw new Error('empty catalog');
    const odd = { ...first, kind: 'x', category: 'experimental' as never };
    const groups = paletteGroups([odd, first]);
    expect(groups.map((g) => g.title)).toEqual(['Sources', 'Experimental']);
  });

  it('filters by kind, title or summary, case-insensitively', () => {
    const groups = paletteGroups(catalogEntries(), 'DISCARD');
    expect(groups.flatMap((g) => g.entries.map((e) => e.kind))).toEqual(['counter']);
    expect(paletteGroups(catalogEntries(), 'zzz')).toEqual([]);
  });
});
