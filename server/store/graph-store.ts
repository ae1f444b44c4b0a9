import type { Database, Statement } from 'better-sqlite3';
import { customAlphabet, nanoid } from 'nanoid';
import type { GraphSummary } from '../../shared/protocol/api.js';
import { hashToken, newEditToken, tokenMatches } from './edit-token.js';
import { openDatabase } from './open-database.js';

/** Public read-only link: 12 characters without look-alikes (≈59 random bits), short enough to share. */
const newSlug = customAlphabet('23456789abcdefghijkmnpqrstuvwxyz', 12);

export interface StoredGraph {
  id: string;
  slug: string;
  revision: number;
  name: string;
  /** The validated document as saved (defaults filled in). */
  graph: unknown;
  createdAt: string;
  updatedAt: string;
  forkedFrom: string | null;
}

export interface CreatedGraph {
  id: string;
  slug: string;
  revision: number;
  editToken: string;
}

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
 * Saved graphs: each save is an immutable revision. Documents are validated by the caller; the store
 * only guarantees that a save is all there or not there at all.
 */
export class GraphStore {
  private readonly q: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.q = {
      insertGraph: db.prepare(
        `INSERT INTO graphs (id, slug, token_hash, name, head_revision, forked_from, created_at, updated_at)
         VALUES (@id, @slug, @tokenHash, @name, 1, @forkedFrom, @now, @now)`,
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
    };
  }

  /** Opens the database file under `dataDir` (created on first start) and migrates it. */
  static open(dataDir: string): GraphStore {
    return new GraphStore(openDatabase(dataDir));
  }

  create(graph: { name: string }, forkedFrom: string | null = null): CreatedGraph {
    const editToken = newEditToken();
    const row = { id: nanoid(16), slug: newSlug(), tokenHash: hashToken(editToken), forkedFrom };
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.q.insertGraph!.run({ ...row, name: graph.name, now });
      this.q.insertRevision!.run(row.id, 1, JSON.stringify(graph), now);
    })();
    return { id: row.id, slug: row.slug, revision: 1, editToken };
  }

  /** The head revision, by id or public slug. */
  find(idOrSlug: string): StoredGraph | undefined {
    const row = this.q.byIdOrSlug!.get(idOrSlug, idOrSlug) as GraphRow | undefined;
    if (!row) return undefined;
    const doc = this.revision(row.id, row.head_revision);
    return {
      id: row.id,
      slug: row.slug,
      revision: row.head_revision,
      name: row.name,
      graph: doc?.graph,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      forkedFrom: row.forked_from,
    };
  }

  /** `not_found` before `forbidden`: ids are not secret, tokens are. */
  authorize(id: string, token: string): 'ok' | 'not_found' | 'forbidden' {
    const row = this.q.byId!.get(id) as GraphRow | undefined;
    if (!row) return 'not_found';
    return tokenMatches(token, row.token_hash) ? 'ok' : 'forbidden';
  }

  /** Appends a revision; the head moves in the same transaction. */
  update(id: string, graph: { name: string }): { revision: number } | undefined {
    return this.db
      .transaction(() => {
        const row = this.q.byId!.get(id) as GraphRow | undefined;
        if (!row) return undefined;
        const revision = row.head_revision + 1;
        const now = new Date().toISOString();
        this.q.insertRevision!.run(id, revision, JSON.stringify(graph), now);
        this.q.bumpHead!.run(revision, graph.name, now, id);
        return { revision };
      })
      .immediate();
  }

  /** Every revision, oldest first; undefined when the graph does not exist. */
  revisions(
    idOrSlug: string,
  ): { id: string; revisions: { revision: number; createdAt: string }[] } | undefined {
    const row = this.q.byIdOrSlug!.get(idOrSlug, idOrSlug) as GraphRow | undefined;
    if (!row) return undefined;
    const rows = this.q.revisions!.all(row.id) as { revision: number; created_at: string }[];
    return { id: row.id, revisions: rows.map((r) => ({ revision: r.revision, createdAt: r.created_at })) };
  }

  revision(
    id: string,
    revision: number,
  ): { revision: number; graph: unknown; createdAt: string } | undefined {
    const r = this.q.document!.get(id, revision) as { document: string; created_at: string } | undefined;
    return r && { revision, graph: JSON.parse(r.document), createdAt: r.created_at };
  }

  /**
   * The graphs whose edit tokens the caller holds, newest first, a page at a time; nobody else's.
   * `after` is the id of the last graph of the previous page, and must itself be one of them
   * (`bad_cursor` otherwise), so a cursor says nothing about graphs the tokens do not open.
   */
  listOwned(
    tokens: readonly string[],
    limit: number,
    after?: string,
  ): { graphs: GraphSummary[]; next: string | null } | 'bad_cursor' {
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
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
