import type { Database, Statement } from 'better-sqlite3';
import { hashToken, newEditToken, tokenMatches } from './edit-token.js';
import {
  type Authorization,
  type CreatedGraph,
  type DumpedGraph,
  type DumpedRecording,
  type DumpedRevision,
  type DumpRecord,
  type GraphStore,
  type LoadCounts,
  newGraphId,
  newSlug,
  type OwnedPage,
  type StoredGraph,
} from './graph-store.js';
import { openDatabase } from './open-database.js';
import { asStoreError, StoreConflictError } from './store-errors.js';

interface GraphRow {
  seq: number;
  id: string;
  slug: string;
  token_hash: string;
  name: string;
  head_revision: number;
  forked_from: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The default store: one SQLite file under DATA_DIR (WAL, synchronous=FULL: a resolved save
 * survives a kill or a power cut). better-sqlite3 is synchronous, so each method runs to its end
 * before another starts; the promises are for the interface Postgres needs.
 */
export class SqliteGraphStore implements GraphStore {
  readonly dialect = 'sqlite';
  private readonly q: Record<string, Statement>;

  constructor(readonly db: Database) {
    this.q = {
      insertGraph: db.prepare(
        `INSERT INTO graphs (id, slug, token_hash, name, head_revision, forked_from, created_at, updated_at)
         VALUES (@id, @slug, @tokenHash, @name, @head, @forkedFrom, @createdAt, @updatedAt)`,
      ),
      insertRevision: db.prepare(
        'INSERT INTO graph_revisions (graph_id, revision, document, created_at) VALUES (?, ?, ?, ?)',
      ),
      byIdOrSlug: db.prepare('SELECT * FROM graphs WHERE id = ? OR slug = ?'),
      byId: db.prepare('SELECT * FROM graphs WHERE id = ?'),
      bumpHead: db.prepare('UPDATE graphs SET head_revision = ?, name = ?, updated_at = ? WHERE id = ?'),
      document: db.prepare(
        'SELECT document, created_at FROM graph_revisions WHERE graph_id = ? AND revision = ?',
      ),
      revisions: db.prepare(
        'SELECT revision, created_at FROM graph_revisions WHERE graph_id = ? ORDER BY revision',
      ),
      ownedPage: db.prepare(
        `SELECT seq, id, slug, name, updated_at FROM graphs
         WHERE token_hash IN (SELECT value FROM json_each(@hashes)) AND seq < @before
         ORDER BY seq DESC LIMIT @limit`,
      ),
      ownedSeq: db.prepare(
        'SELECT seq FROM graphs WHERE id = @id AND token_hash IN (SELECT value FROM json_each(@hashes))',
      ),
      dumpPage: db.prepare('SELECT * FROM graphs WHERE seq > ? ORDER BY seq LIMIT ?'),
      dumpRevisions: db.prepare(
        `SELECT revision, document, created_at FROM graph_revisions
         WHERE graph_id = ? AND revision > ? ORDER BY revision LIMIT ?`,
      ),
      any: db.prepare('SELECT 1 FROM graphs UNION ALL SELECT 1 FROM recordings LIMIT 1'),
      recordingSlugs: db.prepare('SELECT slug FROM recordings WHERE slug > ? ORDER BY slug LIMIT ?'),
      recording: db.prepare('SELECT * FROM recordings WHERE slug = ?'),
      recordingClash: db.prepare('SELECT slug FROM recordings WHERE slug = ?'),
      insertRecording: db.prepare(
        `INSERT INTO recordings (slug, name, graph, hz, timeline, data, bytes, created_at)
         VALUES (@slug, @name, @graph, @hz, @timeline, @data, @bytes, @createdAt)`,
      ),
      clash: db.prepare('SELECT id FROM graphs WHERE id = ? OR slug = ?'),
    };
  }

  /** Opens the database file under `dataDir` (created on first start) and migrates it. */
  static open(dataDir: string): SqliteGraphStore {
    return new SqliteGraphStore(openDatabase(dataDir));
  }

  async create(graph: { name: string }, forkedFrom: string | null = null): Promise<CreatedGraph> {
    return this.guard(() => {
      const editToken = newEditToken();
      const row = { id: newGraphId(), slug: newSlug(), tokenHash: hashToken(editToken), forkedFrom };
      const now = new Date().toISOString();
      this.db.transaction(() => {
        this.q.insertGraph!.run({ ...row, name: graph.name, head: 1, createdAt: now, updatedAt: now });
        this.q.insertRevision!.run(row.id, 1, JSON.stringify(graph), now);
      })();
      return { id: row.id, slug: row.slug, revision: 1, editToken };
    });
  }

  async find(idOrSlug: string): Promise<StoredGraph | undefined> {
    return this.guard(() => {
      const row = this.q.byIdOrSlug!.get(idOrSlug, idOrSlug) as GraphRow | undefined;
      if (!row) return undefined;
      const doc = this.q.document!.get(row.id, row.head_revision) as { document: string } | undefined;
      return {
        id: row.id,
        slug: row.slug,
        revision: row.head_revision,
        name: row.name,
        graph: doc && JSON.parse(doc.document),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        forkedFrom: row.forked_from,
      };
    });
  }

  async authorize(id: string, token: string): Promise<Authorization> {
    return this.guard(() => {
      const row = this.q.byId!.get(id) as GraphRow | undefined;
      if (!row) return 'not_found';
      return tokenMatches(token, row.token_hash) ? 'ok' : 'forbidden';
    });
  }

  async update(id: string, graph: { name: string }): Promise<{ revision: number } | undefined> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          const row = this.q.byId!.get(id) as GraphRow | undefined;
          if (!row) return undefined;
          const revision = row.head_revision + 1;
          const now = new Date().toISOString();
          this.q.insertRevision!.run(id, revision, JSON.stringify(graph), now);
          this.q.bumpHead!.run(revision, graph.name, now, id);
          return { revision };
        })
        .immediate(),
    );
  }

  async revisions(
    idOrSlug: string,
  ): Promise<{ id: string; revisions: { revision: number; createdAt: string }[] } | undefined> {
    return this.guard(() => {
      const row = this.q.byIdOrSlug!.get(idOrSlug, idOrSlug) as GraphRow | undefined;
      if (!row) return undefined;
      const rows = this.q.revisions!.all(row.id) as { revision: number; created_at: string }[];
      return { id: row.id, revisions: rows.map((r) => ({ revision: r.revision, createdAt: r.created_at })) };
    });
  }

  async revision(
    id: string,
    revision: number,
  ): Promise<{ revision: number; graph: unknown; createdAt: string } | undefined> {
    return this.guard(() => {
      const r = this.q.document!.get(id, revision) as { document: string; created_at: string } | undefined;
      return r && { revision, graph: JSON.parse(r.document), createdAt: r.created_at };
    });
  }

  async listOwned(tokens: readonly string[], limit: number, after?: string): Promise<OwnedPage> {
    return this.guard(() => {
      const hashes = JSON.stringify([...new Set(tokens)].map(hashToken));
      let before = Number.MAX_SAFE_INTEGER;
      if (after !== undefined) {
        const row = this.q.ownedSeq!.get({ id: after, hashes }) as { seq: number } | undefined;
        if (!row) return 'bad_cursor';
        before = row.seq;
      }
      const rows = this.q.ownedPage!.all({ hashes, before, limit: limit + 1 }) as GraphRow[];
      const page = rows.slice(0, limit);
      return {
        graphs: page.map((r) => ({ id: r.id, slug: r.slug, name: r.name, updatedAt: r.updated_at })),
        next: rows.length > limit ? page.at(-1)!.id : null,
      };
    });
  }

  /** In one read transaction (WAL: a snapshot), so saves meanwhile never half-appear. */
  async *dump(batch = 100): AsyncIterable<DumpRecord> {
    this.guard(() => this.db.exec('BEGIN'));
    try {
      for (let seq = 0; ; ) {
        const rows = this.q.dumpPage!.all(seq, batch) as GraphRow[];
        for (const row of rows) {
          yield graphRecord(row);
          for (let rev = 0; ; ) {
            const revs = this.q.dumpRevisions!.all(row.id, rev, batch) as RevisionRow[];
            for (const r of revs) yield revisionRecord(row.id, r);
            if (revs.length < batch) break;
            rev = revs.at(-1)!.revision;
          }
        }
        if (rows.length < batch) break;
        seq = rows.at(-1)!.seq;
      }
      // One recording in memory at a time: each may be tens of MB.
      for (let slug = ''; ; ) {
        const slugs = this.q.recordingSlugs!.all(slug, batch) as { slug: string }[];
        for (const s of slugs) yield recordingRecord(this.q.recording!.get(s.slug) as RecordingRow);
        if (slugs.length < batch) return;
        slug = slugs.at(-1)!.slug;
      }
    } catch (err) {
      throw asStoreError(err);
    } finally {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    }
  }

  /**
   * One transaction held open across the reads of `records` (BEGIN IMMEDIATE: the write lock from
   * the start). Meant for `db import`, where nothing else uses this connection meanwhile.
   */
  async load(records: AsyncIterable<DumpRecord>, { merge }: { merge: boolean }): Promise<LoadCounts> {
    const counts = { graphs: 0, revisions: 0, recordings: 0 };
    this.guard(() => this.db.exec('BEGIN IMMEDIATE'));
    try {
      if (!merge && this.q.any!.get()) throw nonEmpty();
      for await (const r of records) {
        if (r.type === 'graph') {
          const clash = this.q.clash!.get(r.id, r.slug) as { id: string } | undefined;
          if (clash) throw clashing(r, clash.id);
          this.q.insertGraph!.run({ ...r, head: r.headRevision });
          counts.graphs++;
        } else if (r.type === 'revision') {
          this.q.insertRevision!.run(r.graphId, r.revision, r.document, r.createdAt);
          counts.revisions++;
        } else {
          if (this.q.recordingClash!.get(r.slug)) throw clashingRecording(r.slug);
          this.q.insertRecording!.run({ ...r, bytes: r.data.length });
          counts.recordings++;
        }
      }
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw asStoreError(err);
    }
    return counts;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      throw asStoreError(err);
    }
  }
}

interface RevisionRow {
  revision: number;
  document: string;
  created_at: string;
}

export const graphRecord = (row: Omit<GraphRow, 'seq'>): DumpedGraph => ({
  type: 'graph',
  id: row.id,
  slug: row.slug,
  tokenHash: row.token_hash,
  name: row.name,
  headRevision: row.head_revision,
  forkedFrom: row.forked_from,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const revisionRecord = (graphId: string, r: RevisionRow): DumpedRevision => ({
  type: 'revision',
  graphId,
  revision: r.revision,
  document: r.document,
  createdAt: r.created_at,
});

export type RecordingRow = Omit<DumpedRecording, 'type' | 'createdAt'> & { created_at: string };

export const recordingRecord = (r: RecordingRow): DumpedRecording => ({
  type: 'recording',
  slug: r.slug,
  name: r.name,
  graph: r.graph,
  hz: r.hz,
  timeline: r.timeline,
  data: r.data,
  createdAt: r.created_at,
});

export const clashingRecording = (slug: string) =>
  new StoreConflictError(`recording "${slug}" is already in the target store; nothing was imported`);

export const nonEmpty = () =>
  new StoreConflictError(
    'the target store already holds graphs or recordings; import into an empty one, or pass --merge',
  );
export const clashing = (g: DumpedGraph, existing: string) =>
  new StoreConflictError(
    `graph "${g.id}" (slug "${g.slug}") clashes with graph "${existing}" already in the target store; nothing was imported`,
  );
