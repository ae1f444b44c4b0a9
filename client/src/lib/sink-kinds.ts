import type { CatalogEntry } from '../../../shared/catalog/catalog.js';

/**
 * The two sinks whose output comes to the browser are named by the contract itself:
 * `browser` sinks send `sink:items` and take `sink:credit`, `log` sinks send `run:log`, `file`
 * sinks and `http-ingest` sources have per-run HTTP routes. This is the one place the client
 * knows those names; everything else reads the catalog.
 */
export const ITEMS_SINK_KIND = 'browser';
export const LOG_SINK_KIND = 'log';
/** `file` sinks' output is served at `GET /api/runs/:runId/files/:nodeId`. */
export const FILE_SINK_KIND = 'file';
/** `http-ingest` sources take items at `POST /api/runs/:runId/ingest/:nodeId`. */
export const INGEST_SOURCE_KIND = 'http-ingest';

export function offersKind(byKind: Record<string, CatalogEntry>, kind: string): boolean {
  return Object.hasOwn(byKind, kind);
}
