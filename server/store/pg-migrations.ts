import type { Pool } from 'pg';
import type { Migration } from './migrations.js';

/**
 * Postgres' own list, append-only like SQLite's (`migrations.ts`): the same tables and meaning,
 * each dialect's types. Documents stay TEXT, not jsonb: jsonb reorders keys and drops
 * whitespace, and a graph must come back byte for byte as it was saved (and move between stores
 * so). Times stay the ISO strings SQLite keeps, for the same reason.
 */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'graphs and immutable revisions',
    sql: `
      CREATE TABLE graphs (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
      );
    `,
  },
  {
    version: 2,
    name: 'find graphs by edit token hash',
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
        hz DOUBLE PRECISION NOT NULL,
        timeline TEXT NOT NULL,
        data TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
];

/** Any fixed number: instances starting together take turns migrating on it. */
const MIGRATION_LOCK = 0x51c3;

/**
 * Brings the schema up to date at start-up; refuses a database written by a newer Sluice. Each
 * migration commits with its `schema_migrations` row (Postgres DDL is transactional), and an
 * advisory lock makes several instances started at once apply each exactly once.
 */
export async function migratePg(
  pool: Pool,
  migrations: readonly Migration[] = PG_MIGRATIONS,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT MAX(version) AS v FROM schema_migrations',
    );
    const current = rows[0]?.v ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new Error(`database schema version ${current} is newer than this Sluice knows (${latest})`);
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return latest;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
