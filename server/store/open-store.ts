import type { GraphStore } from './graph-store.js';
import { type RecordingStore, SqliteRecordingStore } from './recording-store.js';
import { SqliteGraphStore } from './sqlite-graph-store.js';

export interface StoreConfig {
  /** SQLite's directory (DATA_DIR), used when no `databaseUrl` is given. */
  dataDir: string;
  /** `postgres://…` (DATABASE_URL): Postgres instead of SQLite. */
  databaseUrl?: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** DATABASE_URL when it names a Postgres database; anything else set there is a start-up error. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.DATABASE_URL?.trim();
  if (!url) return undefined;
  if (!POSTGRES_URL.test(url))
    throw new Error('DATABASE_URL must start with postgres:// (or be unset for SQLite)');
  return url;
}

export interface Stores {
  graphs: GraphStore;
  /** Saved recordings, in the same database (and connection or pool). */
  recordings: RecordingStore;
  close(): Promise<void>;
}

/**
 * The configured stores, migrated and ready: Postgres when a URL is given, else the SQLite file
 * under `dataDir`. Rejects when the database cannot be reached or is newer than this Sluice.
 */
export async function openStores(config: StoreConfig): Promise<Stores> {
  if (config.databaseUrl === undefined) {
    const graphs = SqliteGraphStore.open(config.dataDir);
    const recordings = new SqliteRecordingStore(graphs.db);
    return { graphs, recordings, close: () => graphs.close() };
  }
  // Loaded only when asked for: the SQLite default never loads the driver.
  const { PgGraphStore } = await import('./pg-graph-store.js');
  const { PgRecordingStore } = await import('./pg-recording-store.js');
  const graphs = await PgGraphStore.open(config.databaseUrl);
  return { graphs, recordings: new PgRecordingStore(graphs.pool), close: () => graphs.close() };
}

/** The graph store alone (`db export` / `db import`: its dump holds the recordings too). */
export async function openStore(config: StoreConfig): Promise<GraphStore> {
  return (await openStores(config)).graphs;
}

/** For logs: where the store is, without a password. */
export function describeStore(config: StoreConfig): string {
  if (config.databaseUrl === undefined) return `sqlite:${config.dataDir}`;
  const u = new URL(config.databaseUrl);
  return `postgres://${u.host}${u.pathname}`;
}
