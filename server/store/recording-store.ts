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

interface Row {
  slug: string;
  name: string;
  graph: string;
  hz: number;
  timeline: string;
  data: string;
  created_at: string;
}

/**
 * Saved recordings (issue 17), immutable: saved once, read by slug, never changed. Async like
 * any store the server may be given (SQLite here answers at once; a networked one would not).
 */
export class RecordingStore {
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
  static open(dataDir: string): RecordingStore {
    return new RecordingStore(openDatabase(dataDir));
  }

  async save(rec: NewRecording): Promise<SavedRecording> {
    const data = JSON.stringify(rec.data);
    const saved: SavedRecording = { ...rec, slug: newSlug(), createdAt: new Date().toISOString() };
    this.q.insert.run({
      slug: saved.slug,
      name: rec.name,
      graph: JSON.stringify(rec.graph ?? null),
      hz: rec.hz,
      timeline: JSON.stringify(rec.timeline),
      data,
      bytes: data.length,
      createdAt: saved.createdAt,
    });
    return saved;
  }

  async find(slug: string): Promise<SavedRecording | undefined> {
    const row = this.q.bySlug.get(slug) as Row | undefined;
    if (!row) return undefined;
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

  close(): void {
    if (this.db.open) this.db.close();
  }
}
