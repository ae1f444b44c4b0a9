import { customAlphabet, nanoid } from 'nanoid';
import type { GraphSummary } from '../../shared/protocol/api.js';

/** Public read-only link: 12 characters without look-alikes (≈59 random bits), short enough to share. */
export const newSlug = customAlphabet('23456789abcdefghijkmnpqrstuvwxyz', 12);
export const newGraphId = (): string => nanoid(16);

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

export interface LoadCounts {
  graphs: number;
  revisions: number;
  recordings: number;
}

export type Authorization = 'ok' | 'not_found' | 'forbidden';
export type OwnedPage = { graphs: GraphSummary[]; next: string | null } | 'bad_cursor';

/**
 * What a move between stores keeps (`db export` / `db import`), one record at a time so neither
 * side ever holds a whole graph's history: a graph, then each of its revisions 1..head in order;
 * after every graph, the saved recordings (same database), one a record.
 */
export type DumpRecord = DumpedGraph | DumpedRevision | DumpedRecording;

export interface DumpedGraph {
  type: 'graph';
  id: string;
  slug: string;
  /** sha256 of the edit token (the token itself is never stored), so old tokens keep working. */
  tokenHash: string;
  name: string;
  headRevision: number;
  forkedFrom: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A saved recording (issue 17); graph, timeline and data are the stored JSON text, byte for byte. */
export interface DumpedRecording {
  type: 'recording';
  slug: string;
  name: string;
  graph: string;
  hz: number;
  timeline: string;
  data: string;
  createdAt: string;
}

export interface DumpedRevision {
  type: 'revision';
  graphId: string;
  revision: number;
  /** The stored JSON text, byte for byte. */
  document: string;
  createdAt: string;
}

/**
 * Saved graphs: each save is an immutable revision. Documents are validated by the caller; a store
 * only guarantees that a save is all there or not there at all, and is acknowledged (the promise
 * resolves) only once it is durable. Two dialects: SQLite under DATA_DIR (the default) and
 * Postgres (DATABASE_URL), so several server instances can share one. A database that cannot be
 * reached rejects with `StoreUnavailableError` (503 `store_unavailable`).
 */
export interface GraphStore {
  readonly dialect: 'sqlite' | 'postgres';
  create(graph: { name: string }, forkedFrom?: string | null): Promise<CreatedGraph>;
  /** The head revision, by id or public slug. */
  find(idOrSlug: string): Promise<StoredGraph | undefined>;
  /** `not_found` before `forbidden`: ids are not secret, tokens are. */
  authorize(id: string, token: string): Promise<Authorization>;
  /** Appends a revision; the head moves in the same transaction. */
  update(id: string, graph: { name: string }): Promise<{ revision: number } | undefined>;
  /** Every revision, oldest first; undefined when the graph does not exist. */
  revisions(
    idOrSlug: string,
  ): Promise<{ id: string; revisions: { revision: number; createdAt: string }[] } | undefined>;
  revision(
    id: string,
    revision: number,
  ): Promise<{ revision: number; graph: unknown; createdAt: string } | undefined>;
  /**
   * The graphs whose edit tokens the caller holds, newest first, a page at a time; nobody else's.
   * `after` is the id of the last graph of the previous page, and must itself be one of them
   * (`bad_cursor` otherwise), so a cursor says nothing about graphs the tokens do not open.
   */
  listOwned(tokens: readonly string[], limit: number, after?: string): Promise<OwnedPage>;
  /** Every graph in creation order, each followed by its revisions; read `batch` rows at a time. */
  dump(batch?: number): AsyncIterable<DumpRecord>;
  /**
   * Writes records in ONE transaction: all of them or none. Refuses (`StoreConflictError`, nothing
   * written) a non-empty store unless `merge`, and with `merge` any id or slug it already holds.
   * The caller checks the records' order and content (`dump-file.ts`).
   */
  load(records: AsyncIterable<DumpRecord>, options: { merge: boolean }): Promise<LoadCounts>;
  close(): Promise<void>;
}
