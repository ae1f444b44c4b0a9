import pg from 'pg';
import { hashToken, newEditToken, tokenMatches } from './edit-token.js';
import {
  type Authorization,
  type CreatedGraph,
  type DumpRecord,
  type GraphStore,
  type LoadCounts,
  newGraphId,
  newSlug,
  type OwnedPage,
  type StoredGraph,
} from './graph-store.js';
import { migratePg } from './pg-migrations.js';
import {
  clashing,
  clashingRecording,
  graphRecord,
  nonEmpty,
  type RecordingRow,
  recordingRecord,
  revisionRecord,
} from './sqlite-graph-store.js';
import { asStoreError } from './store-errors.js';

interface GraphRow {
  seq: string; // BIGINT: node-postgres hands it over as a string
  id: string;
  slug: string;
  token_hash: string;
  name: string;
  head_revision: number;
  forked_from: string | null;
  created_at: string;
  updated_at: string;
}

const NO_CURSOR = '9223372036854775807';

/*
 * Postgres TEXT cannot hold U+0000 (SQLite can). Documents are JSON text, where it is always
 * escaped; a name (its own column, for listing) keeps its other characters with U+FFFD in its
 * place, and a key with one (a URL's %00) matches nothing instead of failing the query.
 */
const NUL = new RegExp(String.fromCharCode(0), 'g');
export const nameColumn = (name: string) => name.replace(NUL, '\uFFFD');
export const unmatchable = (key: string) => key.includes('\u0000');

/**
 * Saved graphs in Postgres (DATABASE_URL), for several server instances sharing one database.
 * Every save is one statement (atomic on its own) and committed with synchronous_commit before the
 * promise resolves, so an acknowledged save survives the server's death as it does in SQLite.
 */
export class PgGraphStore implements GraphStore {
  readonly dialect = 'postgres';

  constructor(readonly pool: pg.Pool) {}

  /** Connects, migrates, and rejects (closing the pool) when the database cannot be used. */
  static async open(url: string): Promise<PgGraphStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      // A database that does not answer fails the request (503) rather than holding it.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection dropped by a database restart: the next query opens a new one. Without a
    // listener, node-postgres' 'error' event would end the process.
    pool.on('error', () => {});
    try {
      await migratePg(pool);
    } catch (err) {
      await pool.end().catch(() => {});
      throw asStoreError(err);
    }
    return new PgGraphStore(pool);
  }

  async create(graph: { name: string }, forkedFrom: string | null = null): Promise<CreatedGraph> {
    const editToken = newEditToken();
    const id = newGraphId();
    const slug = newSlug();
    const now = new Date().toISOString();
    await this.query(
      `WITH g AS (
         INSERT INTO graphs (id, slug, token_hash, name, head_revision, forked_from, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5, $6, $6) RETURNING id)
       INSERT INTO graph_revisions (graph_id, revision, document, created_at) SELECT id, 1, $7, $6 FROM g`,
      [id, slug, hashToken(editToken), nameColumn(graph.name), forkedFrom, now, JSON.stringify(graph)],
    );
    return { id, slug, revision: 1, editToken };
  }

  async find(idOrSlug: string): Promise<StoredGraph | undefined> {
    if (unmatchable(idOrSlug)) return undefined;
    const rows = await this.query<GraphRow & { document: string | null }>(
      `SELECT g.*, r.document FROM graphs g
       LEFT JOIN graph_revisions r ON r.graph_id = g.id AND r.revision = g.head_revision
       WHERE g.id = $1 OR g.slug = $1`,
      [idOrSlug],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      slug: row.slug,
      revision: row.head_revision,
      name: row.name,
      graph: row.document === null ? undefined : JSON.parse(row.document),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      forkedFrom: row.forked_from,
    };
  }

  async authorize(id: string, token: string): Promise<Authorization> {
    if (unmatchable(id)) return 'not_found';
    const rows = await this.query<{ token_hash: string }>('SELECT token_hash FROM graphs WHERE id = $1', [
      id,
    ]);
    if (!rows[0]) return 'not_found';
    return tokenMatches(token, rows[0].token_hash) ? 'ok' : 'forbidden';
  }

  async update(id: string, graph: { name: string }): Promise<{ revision: number } | undefined> {
    if (unmatchable(id)) return undefined;
    // The UPDATE locks the row, so concurrent saves of one graph take consecutive revisions.
    const now = new Date().toISOString();
    const rows = await this.query<{ revision: number }>(
      `WITH h AS (
         UPDATE graphs SET head_revision = head_revision + 1, name = $2, updated_at = $3
         WHERE id = $1 RETURNING head_revision)
       INSERT INTO graph_revisions (graph_id, revision, document, created_at)
       SELECT $1, head_revision, $4, $3 FROM h RETURNING revision`,
      [id, nameColumn(graph.name), now, JSON.stringify(graph)],
    );
    return rows[0] && { revision: rows[0].revision };
  }

  async revisions(
    idOrSlug: string,
  ): Promise<{ id: string; revisions: { revision: number; createdAt: string }[] } | undefined> {
    if (unmatchable(idOrSlug)) return undefined;
    // Every graph has revision 1, so no rows means no graph.
    const rows = await this.query<{ id: string; revision: number; created_at: string }>(
      `SELECT g.id, r.revision, r.created_at FROM graphs g JOIN graph_revisions r ON r.graph_id = g.id
       WHERE g.id = $1 OR g.slug = $1 ORDER BY r.revision`,
      [idOrSlug],
    );
    if (!rows[0]) return undefined;
    return {
      id: rows[0].id,
      revisions: rows.map((r) => ({ revision: r.revision, createdAt: r.created_at })),
    };
  }

  async revision(
    id: string,
    revision: number,
  ): Promise<{ revision: number; graph: unknown; createdAt: string } | undefined> {
    if (unmatchable(id)) return undefined;
    const rows = await this.query<{ document: string; created_at: string }>(
      'SELECT document, created_at FROM graph_revisions WHERE graph_id = $1 AND revision = $2',
      [id, revision],
    );
    const r = rows[0];
    return r && { revision, graph: JSON.parse(r.document), createdAt: r.created_at };
  }

  async listOwned(tokens: readonly string[], limit: number, after?: string): Promise<OwnedPage> {
    const hashes = [...new Set(tokens)].map(hashToken);
    let before = NO_CURSOR;
    if (after !== undefined && unmatchable(after)) return 'bad_cursor';
    if (after !== undefined) {
      const rows = await this.query<{ seq: string }>(
        'SELECT seq FROM graphs WHERE id = $1 AND token_hash = ANY($2::text[])',
        [after, hashes],
      );
      if (!rows[0]) return 'bad_cursor';
      before = rows[0].seq;
    }
    const rows = await this.query<GraphRow>(
      `SELECT seq, id, slug, name, updated_at FROM graphs
       WHERE token_hash = ANY($1::text[]) AND seq < $2 ORDER BY seq DESC LIMIT $3`,
      [hashes, before, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      graphs: page.map((r) => ({ id: r.id, slug: r.slug, name: r.name, updatedAt: r.updated_at })),
      next: rows.length > limit ? page.at(-1)!.id : null,
    };
  }

  /** One snapshot (REPEATABLE READ) for the whole export, so saves meanwhile never half-appear. */
  async *dump(batch = 100): AsyncIterable<DumpRecord> {
    const client = await this.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (let seq = '0'; ; ) {
        const { rows } = await client.query<GraphRow>(
          'SELECT * FROM graphs WHERE seq > $1 ORDER BY seq LIMIT $2',
          [seq, batch],
        );
        for (const row of rows) {
          yield graphRecord(row);
          for (let rev = 0; ; ) {
            const revs = await client.query<{ revision: number; document: string; created_at: string }>(
              `SELECT revision, document, created_at FROM graph_revisions
               WHERE graph_id = $1 AND revision > $2 ORDER BY revision LIMIT $3`,
              [row.id, rev, batch],
            );
            for (const r of revs.rows) yield revisionRecord(row.id, r);
            if (revs.rows.length < batch) break;
            rev = revs.rows.at(-1)!.revision;
          }
        }
        if (rows.length < batch) break;
        seq = rows.at(-1)!.seq;
      }
      // One recording in memory at a time: each may be tens of MB.
      for (let slug = ''; ; ) {
        const { rows } = await client.query<{ slug: string }>(
          'SELECT slug FROM recordings WHERE slug > $1 ORDER BY slug LIMIT $2',
          [slug, batch],
        );
        for (const r of rows) {
          const one = await client.query<RecordingRow>('SELECT * FROM recordings WHERE slug = $1', [r.slug]);
          yield recordingRecord(one.rows[0]!);
        }
        if (rows.length < batch) break;
        slug = rows.at(-1)!.slug;
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw asStoreError(err);
    } finally {
      client.release();
    }
  }

  async load(records: AsyncIterable<DumpRecord>, { merge }: { merge: boolean }): Promise<LoadCounts> {
    const counts = { graphs: 0, revisions: 0, recordings: 0 };
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      // Saves by running servers wait until the import commits or rolls back; reads go on.
      await client.query('LOCK TABLE graphs, recordings IN EXCLUSIVE MODE');
      const any = 'SELECT 1 FROM graphs UNION ALL SELECT 1 FROM recordings LIMIT 1';
      if (!merge && (await client.query(any)).rows[0]) throw nonEmpty();
      for await (const r of records) {
        if (r.type === 'graph') {
          const clash = await client.query<{ id: string }>(
            'SELECT id FROM graphs WHERE id = $1 OR slug = $2',
            [r.id, r.slug],
          );
          if (clash.rows[0]) throw clashing(r, clash.rows[0].id);
          await client.query(
            `INSERT INTO graphs (id, slug, token_hash, name, head_revision, forked_from, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [
              r.id,
              r.slug,
              r.tokenHash,
              nameColumn(r.name),
              r.headRevision,
              r.forkedFrom,
              r.createdAt,
              r.updatedAt,
            ],
          );
          counts.graphs++;
        } else if (r.type === 'revision') {
          await client.query(
            'INSERT INTO graph_revisions (graph_id, revision, document, created_at) VALUES ($1, $2, $3, $4)',
            [r.graphId, r.revision, r.document, r.createdAt],
          );
          counts.revisions++;
        } else {
          const clash = await client.query('SELECT 1 FROM recordings WHERE slug = $1', [r.slug]);
          if (clash.rows[0]) throw clashingRecording(r.slug);
          await client.query(
            `INSERT INTO recordings (slug, name, graph, hz, timeline, data, bytes, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [r.slug, nameColumn(r.name), r.graph, r.hz, r.timeline, r.data, r.data.length, r.createdAt],
          );
          counts.recordings++;
        }
      }
      await client.query('COMMIT');
      return counts;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw asStoreError(err);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw asStoreError(err);
    }
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (err) {
      throw asStoreError(err);
    }
  }
}
