import type { CatalogEntry } from '../../../shared/catalog/catalog.js';

const CATEGORY_ORDER = ['source', 'transform', 'sink'];
const CATEGORY_TITLES: Record<string, string> = { source: 'Sources', transform: 'Transforms', sink: 'Sinks' };

export interface PaletteGroup {
  category: string;
  title: string;
  entries: CatalogEntry[];
}

/**
 * Catalog entries grouped by category in pipeline order (sources, transforms, sinks, then any
 * category the server adds later), each group sorted by title.
 */
export function paletteGroups(entries: CatalogEntry[], filter = ''): PaletteGroup[] {
  const needle = filter.trim().toLowerCase();
  const matches = (e: CatalogEntry) =>
    needle === '' || [e.kind, e.title, e.summary].some((t) => t.toLowerCase().includes(needle));
  const byCategory = new Map<string, CatalogEntry[]>();
  for (const entry of entries.filter(matches)) {
    byCategory.set(entry.category, [...(byCategory.get(entry.category) ?? []), entry]);
  }
  const rank = (c: string) =>
    CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length;
  return [...byCategory.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, list]) => ({
      category,
      title: CATEGORY_TITLES[category] ?? category.charAt(0).toUpperCase() + category.slice(1),
      entries: list.sort((a, b) => a.title.localeCompare(b.title)),
    }));
}

/** The drag-and-drop MIME type a palette item carries. */
export const KIND_MIME = 'application/x-sluice-kind';
