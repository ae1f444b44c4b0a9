import type { Database, Statement } from 'better-sqlite3';
import { customAlphabet } from 'nanoid';
import type { RecordingData } from '../../shared/recorder/recording-data.js';
import type { TimelinePoint } from '../../shared/recorder/timeline.js';
import { openDatabase } from './open-database.js';

/** Public read-only link, as graphs' slugs: 12 characters without look-alikes (≈59 random bits). */
const newSlug = customAlphabet('23456789abcdefghijkmnpqrstuvwxyz', 12);

export interface NewRecording {
  name: string;
  graph: unknown;
  hz: number;
  timeline: readonly TimelinePoint[];
  data: RecordingData;
}

export interface SavedRecording extends NewRecording {
  slug: string;
  createdAt: string;
}

export interface Row {
  slug: string;
  name: string;
  graph: string;
  hz: number;
  timeline: string;
  data: string;
  created_at: string;
}

/**
 * Saved recordings (issue 17), immutable: saved once, read by slug, never changed. In the graphs'
 * database: SQLite here, Postgres in `pg-recording-store.ts` (DATABASE_URL). `db export` moves
 * them with the graphs (`GraphStore.dump`).
 */
export interface RecordingStore {
  save(rec: NewRecording): Promise<SavedRecording>;
  find(slug: string): Promise<SavedRecording | undefined>;
  close(): Promise<void>;
}

export function savedOf(row: Row): SavedRecording {
  return {
    slug: row.slug,
    name: row.name,
    graph: JSON.parse(row.graph) as unknown,
    hz: row.hz,
    timeline: JSON.parse(row.timeline) as TimelinePoint[],
    data: JSON.parse(row.data) as RecordingData,
    createdAt: row.created_at,
  };
}

/** The columns as stored: graph, timeline and data are JSON text. */
export function rowOf(rec: NewRecording): Omit<Row, 'created_at'> & { bytes: number } {
  const data = JSON.stringify(rec.data);
  return {
    slug: newSlug(),
    name: rec.name,
    graph: JSON.stringify(rec.graph ?? null),
    hz: rec.hz,
    timeline: JSON.stringify(rec.timeline),
    data,
    bytes: data.length,
  };
}

/** SQLite, answering at once (the promises are for the interface a networked store needs). */
export class SqliteRecordingStore implements RecordingStore {
  private readonly q: Record<'insert' | 'bySlug', Statement>;

  constructor(private readonly db: Database) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO recordings (slug, name, graph, hz, timeline, data, bytes, created_at)
         VALUES (@slug, @name, @graph, @hz, @timeline, @data, @bytes, @createdAt)`,
      ),
      bySlug: db.prepare('SELECT * FROM recordings WHERE slug = ?'),
    };
  }

  /** Opens (creating, migrating) the SQLite file under `dataDir`: the graphs' database. */
  static open(dataDir: string): SqliteRecordingStore {
    return new SqliteRecordingStore(openDatabase(dataDir));
  }

  async save(rec: NewRecording): Promise<SavedRecording> {
    const row = rowOf(rec);
    const createdAt = new Date().toISOString();
    this.q.insert.run({ ...row, createdAt });
    return { ...rec, slug: row.slug, createdAt };
  }

  async find(slug: string): Promise<SavedRecording | undefined> {
    const row = this.q.bySlug.get(slug) as Row | undefined;
    return row && savedOf(row);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
