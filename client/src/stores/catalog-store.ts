import { create } from 'zustand';
import type { CatalogEntry } from '../../../shared/catalog/catalog.js';
import { fetchCatalog } from '../api/api-client.js';

/** The node kinds the server offers (`GET /api/catalog`). The palette and inspector read it. */
interface CatalogState {
  status: 'loading' | 'ready' | 'error';
  entries: CatalogEntry[];
  byKind: Record<string, CatalogEntry>;
  error: string | null;
  load: () => Promise<void>;
}

export const useCatalogStore = create<CatalogState>()((set) => ({
  status: 'loading',
  entries: [],
  byKind: {},
  error: null,
  load: async () => {
    set({ status: 'loading', error: null });
    try {
      const { kinds } = await fetchCatalog();
      set({ status: 'ready', entries: kinds, byKind: Object.fromEntries(kinds.map((k) => [k.kind, k])) });
    } catch (err) {
      set({ status: 'error', error: err instanceof Error ? err.message : String(err) });
    }
  },
}));

/** One kind's entry, or undefined while loading or for an unknown kind. */
export function useCatalogEntry(kind: string): CatalogEntry | undefined {
  return useCatalogStore((s) => s.byKind[kind]);
}
