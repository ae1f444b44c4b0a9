import type pg from 'pg';
import { nameColumn, unmatchable } from './pg-graph-store.js';
import {
  type NewRecording,
  type RecordingStore,
  type Row,
  rowOf,
  type SavedRecording,
  savedOf,
} from './recording-store.js';
import { asStoreError } from './store-errors.js';

/**
 * Saved recordings in Postgres, on the graph store's pool (opened, migrated and closed with it:
 * `openStores`). One INSERT per save, committed before the promise resolves.
 */
export class PgRecordingStore implements RecordingStore {
  constructor(private readonly pool: pg.Pool) {}

  async save(rec: NewRecording): Promise<SavedRecording> {
    const row = rowOf(rec);
    const createdAt = new Date().toISOString();
    await this.query(
      `INSERT INTO recordings (slug, name, graph, hz, timeline, data, bytes, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.slug, nameColumn(row.name), row.graph, row.hz, row.timeline, row.data, row.bytes, createdAt],
    );
    return { ...rec, slug: row.slug, createdAt };
  }

  async find(slug: string): Promise<SavedRecording | undefined> {
    if (unmatchable(slug)) return undefined;
    const rows = await this.query('SELECT * FROM recordings WHERE slug = $1', [slug]);
    return rows[0] && savedOf(rows[0]);
  }

  /** The pool is the graph store's, closed with it. */
  async close(): Promise<void> {}

  private async query(sql: string, params: unknown[]): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>(sql, params)).rows;
    } catch (err) {
      throw asStoreError(err);
    }
  }
}
