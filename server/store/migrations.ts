import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Append-only: a released migration is never edited, a change is a new version. Each runs in its
 * own transaction together with its `schema_migrations` row, so a crash leaves it applied or not.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'graphs and immutable revisions',
    sql: `
      CREATE TABLE graphs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        slug TEXT NOT NULL UNIQUE,
        token_hash TEXT NOT NULL,
        name TEXT NOT NULL,
        head_revision INTEGER NOT NULL,
        forked_from TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE graph_revisions (
        graph_id TEXT NOT NULL REFERENCES graphs(id),
        revision INTEGER NOT NULL,
        document TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (graph_id, revision)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'find graphs by edit token hash',
    // Listing answers "the graphs whose edit tokens you hold", so it looks graphs up by hash.
    sql: 'CREATE INDEX graphs_token_hash ON graphs (token_hash, seq);',
  },
  {
    version: 3,
    name: 'saved recordings (flight recorder)',
    // Immutable once written: no update statement exists for this table.
    sql: `
      CREATE TABLE recordings (
        slug TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        graph TEXT NOT NULL,
        hz REAL NOT NULL,
        timeline TEXT NOT NULL,
        data TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

/** Brings the schema up to date at start-up; refuses a database written by a newer Sluice. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current =
    (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this Sluice knows (${latest})`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
