import type { CatalogEntry } from '../../../shared/catalog/catalog.js';

/**
 * The two sinks whose output comes to the browser are named by the contract itself:
 * `browser` sinks send `sink:items` and take `sink:credit`, `log` sinks send `run:log`. This is
 * the one place the client knows those names; everything else reads the catalog.
 */
export const ITEMS_SINK_KIND = 'browser';
export const LOG_SINK_KIND = 'log';

export function offersKind(byKind: Record<string, CatalogEntry>, kind: string): boolean {
  return Object.hasOwn(byKind, kind);
}
