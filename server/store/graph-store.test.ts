import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LIST_TOKENS } from '../../shared/protocol/api.js';
import { DEFAULT_LIMITS } from '../config.js';
import { startPostgres, type TestPostgres } from '../test-helpers/postgres.js';
import { hashToken } from './edit-token.js';
import type { GraphStore } from './graph-store.js';
import { MIGRATIONS } from './migrations.js';
import { DATABASE_FILE } from './open-database.js';
import { PgGraphStore } from './pg-graph-store.js';
import { PG_MIGRATIONS } from './pg-migrations.js';
import { PgRecordingStore } from './pg-recording-store.js';
import { type RecordingStore, SqliteRecordingStore } from './recording-store.js';
import { SqliteGraphStore } from './sqlite-graph-store.js';

/*
 * One suite, both dialects: whatever a server does with saved graphs must behave the same on the
 * SQLite default and on Postgres. Each test gets a fresh database (a temp file, or a new database
 * in this file's throw-away cluster).
 */

interface Dialect {
  name: 'sqlite' | 'postgres';
  /** A new, empty place for a store: a directory or a database URL. */
  fresh(): Promise<string>;
  open(where: string): Promise<GraphStore>;
  /** The saved-recordings store on the same database. */
  recordings(store: GraphStore): RecordingStore;
  /** Rows of a raw query, as the database holds them. */
  raw(where: string, sql: string): Promise<Record<string, unknown>[]>;
}

const dirs: string[] = [];
let cluster: TestPostgres | undefined;
beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const dialects: Dialect[] = [
  {
    name: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(path.join(tmpdir(), 'sluice-store-'));
      dirs.push(dir);
      return path.join(dir, 'nested', 'data');
    },
    open: async (dir) => SqliteGraphStore.open(dir),
    recordings: (store) => new SqliteRecordingStore((store as SqliteGraphStore).db),
    async raw(dir, sql) {
      const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
      try {
        return db.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
  },
  {
    name: 'postgres',
    fresh: () => cluster!.database(),
    open: (url) => PgGraphStore.open(url),
    recordings: (store) => new PgRecordingStore((store as PgGraphStore).pool),
    async raw(url, sql) {
      const c = new pg.Client(url);
      await c.connect();
      try {
        return (await c.query(sql)).rows;
      } finally {
        await c.end();
      }
    },
  },
];

describe.each(dialects)('GraphStore on $name', (dialect) => {
  let where: string;
  let store: GraphStore;
  const open = async () => {
    where = await dialect.fresh();
    store = await dialect.open(where);
    return store;
  };
  afterEach(async () => {
    await store?.close();
  });

  it('migrates once, and refuses a database written by a newer version', async () => {
    await open();
    const versions = await dialect.raw(where, 'SELECT version FROM schema_migrations ORDER BY version');
    const expected = (dialect.name === 'sqlite' ? MIGRATIONS : PG_MIGRATIONS).map((m) => m.version);
    expect(versions.map((v) => v.version)).toEqual(expected);
    // Both dialects know the same schema versions, so either can hold what the other exported.
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    await store.close();
    store = await dialect.open(where); // a second start applies nothing again
    expect(await dialect.raw(where, 'SELECT COUNT(*) AS n FROM schema_migrations')).toEqual([
      { n: dialect.name === 'sqlite' ? expected.length : String(expected.length) },
    ]);
    await store.close();
    if (dialect.name === 'sqlite') {
      const db = new Database(path.join(where, DATABASE_FILE));
      db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', '2099-01-01')").run();
      db.close();
    } else {
      const c = new pg.Client(where);
      await c.connect();
      await c.query("INSERT INTO schema_migrations VALUES (999, 'future', '2099-01-01')");
      await c.end();
    }
    await expect(dialect.open(where)).rejects.toThrow(/newer/);
  });

  it('keeps revisions immutable; the head moves; by id or slug; missing is undefined', async () => {
    await open();
    const a = await store.create({ name: 'a' });
    expect(a).toMatchObject({ revision: 1 });
    expect(a.slug).toMatch(/^[a-z0-9]{12}$/);
    expect(await store.update(a.id, { name: 'a2' })).toEqual({ revision: 2 });
    expect(await store.update(a.id, { name: 'a3' })).toEqual({ revision: 3 });
    expect((await store.revision(a.id, 1))?.graph).toEqual({ name: 'a' });
    expect((await store.revision(a.id, 2))?.graph).toEqual({ name: 'a2' });
    for (const key of [a.id, a.slug]) {
      expect(await store.find(key)).toMatchObject({
        id: a.id,
        slug: a.slug,
        revision: 3,
        name: 'a3',
        graph: { name: 'a3' },
        forkedFrom: null,
      });
    }
    const revs = await store.revisions(a.slug);
    expect(revs?.id).toBe(a.id);
    expect(revs?.revisions.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(revs?.revisions.every((r) => !Number.isNaN(Date.parse(r.createdAt)))).toBe(true);
    expect(await store.revision(a.id, 4)).toBeUndefined();
    expect(await store.find('missing')).toBeUndefined();
    expect(await store.revisions('missing')).toBeUndefined();
    expect(await store.update('missing', { name: 'x' })).toBeUndefined();
  });

  it('gives concurrent saves of one graph consecutive revisions, none lost', async () => {
    await open();
    const { id } = await store.create({ name: 'r1' });
    const saved = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.update(id, { name: `r${i + 2}` })),
    );
    expect(saved.map((s) => s!.revision).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    const names = await Promise.all(
      saved.map(async (s) => ((await store.revision(id, s!.revision))!.graph as { name: string }).name),
    );
    expect(new Set(names).size).toBe(20);
    expect((await store.find(id))?.revision).toBe(21);
  });

  it('checks edit tokens against their hash only, never storing the token', async () => {
    await open();
    const { id, editToken } = await store.create({ name: 'a' });
    expect(await store.authorize(id, editToken)).toBe('ok');
    expect(await store.authorize(id, `${editToken}x`)).toBe('forbidden');
    expect(await store.authorize('missing', editToken)).toBe('not_found');
    const everything = JSON.stringify([
      await dialect.raw(where, 'SELECT * FROM graphs'),
      await dialect.raw(where, 'SELECT * FROM graph_revisions'),
    ]);
    expect(everything).not.toContain(editToken);
    expect(everything).toContain(hashToken(editToken));
  });

  it('forks into a graph with its own token that names its source', async () => {
    await open();
    const source = await store.create({ name: 'source' });
    const fork = await store.create({ name: 'copy' }, source.id);
    expect(fork.id).not.toBe(source.id);
    expect(await store.find(fork.slug)).toMatchObject({ forkedFrom: source.id, name: 'copy' });
    expect(await store.authorize(fork.id, source.editToken)).toBe('forbidden');
    expect(await store.authorize(source.id, fork.editToken)).toBe('forbidden');
  });

  it('pages through the graphs of the given tokens newest first, edits not reordering; cursors stay with their owner', async () => {
    await open();
    const a = [];
    for (let i = 0; i < 5; i++) a.push(await store.create({ name: `a${i}` }));
    const b = await store.create({ name: 'b' });
    await store.update(a[0]!.id, { name: 'a0 edited' });
    const tokens = [...a.map((g) => g.editToken), a[1]!.editToken]; // a duplicate counts once
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.listOwned(tokens, 2, after);
      if (page === 'bad_cursor') throw new Error('own cursor refused');
      expect(page.graphs.length).toBeLessThanOrEqual(2);
      seen.push(...page.graphs.map((g) => g.name));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toEqual(['a4', 'a3', 'a2', 'a1', 'a0 edited']);
    expect(await store.listOwned([b.editToken], 10, a[3]!.id)).toBe('bad_cursor');
    expect(await store.listOwned(tokens, 10, 'missing')).toBe('bad_cursor');
    expect(await store.listOwned([], 10)).toEqual({ graphs: [], next: null });
    const theirs = await store.listOwned([b.editToken], 10);
    expect(theirs).toEqual({
      graphs: [{ id: b.id, slug: b.slug, name: 'b', updatedAt: expect.any(String) }],
      next: null,
    });
  });

  it(`lists with ${MAX_LIST_TOKENS} tokens at once and keeps a document at the body limit byte for byte`, async () => {
    await open();
    const mine = await store.create({ name: 'mine' });
    const many = Array.from({ length: MAX_LIST_TOKENS - 1 }, (_, i) => `t${i}`.padEnd(32, 'x'));
    const page = await store.listOwned([...many, mine.editToken], 10);
    expect(page !== 'bad_cursor' && page.graphs.map((g) => g.id)).toEqual([mine.id]);
    // Unicode, escapes and key order all survive: the document comes back exactly as it went in.
    const big = {
      name: 'big ☃ 🚰 "quoted" \\ \u0000 \u2028',
      z: 1,
      a: 2,
      blob: 'x'.repeat(DEFAULT_LIMITS.maxBodyBytes - 200),
    };
    const { id } = await store.create(big);
    const row = await dialect.raw(where, `SELECT document FROM graph_revisions WHERE graph_id = '${id}'`);
    expect(row[0]!.document).toBe(JSON.stringify(big));
    expect(JSON.stringify((await store.find(id))?.graph)).toBe(JSON.stringify(big));
    const listed = await store.listOwned([mine.editToken], 1);
    expect(listed !== 'bad_cursor' && listed.graphs[0]!.name).toBe('mine');
  });

  it('holds poisoning keys as plain data: nothing reaches a prototype, lookups by them find nothing', async () => {
    await open();
    const hostile = JSON.parse(
      '{"name":"p","__proto__":{"polluted":1},"nodes":[{"constructor":{"prototype":{"polluted":2}}}]}',
    );
    const { id } = await store.create(hostile);
    const back = (await store.find(id))?.graph as Record<string, unknown>;
    expect(Object.keys(back)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    for (const key of ['__proto__', 'constructor', 'prototype', 'a\u0000b']) {
      expect(await store.find(key)).toBeUndefined();
      expect(await store.authorize(key, 'x'.repeat(32))).toBe('not_found');
    }
  });

  it('keeps saved recordings immutable by slug, their JSON exactly as saved', async () => {
    await open();
    const recordings = dialect.recordings(store);
    const rec = {
      name: 'lesson run ☃',
      graph: { name: 'g', z: 1, a: [1, 2] },
      hz: 10,
      timeline: [{ t: 0, v: 1 }] as never,
      data: { frames: [{ t: 0.1, x: 'é' }], note: '\u0000' } as never,
    };
    const saved = await recordings.save(rec);
    expect(saved.slug).toMatch(/^[a-z0-9]{12}$/);
    const back = await recordings.find(saved.slug);
    expect(back).toEqual({ ...rec, slug: saved.slug, createdAt: saved.createdAt });
    expect(JSON.stringify(back!.graph)).toBe(JSON.stringify(rec.graph));
    expect(await recordings.find('missing')).toBeUndefined();
    expect(await recordings.find('a\u0000b')).toBeUndefined();
    expect(await store.find(saved.slug)).toBeUndefined(); // a recording's slug is no graph's
  });
});
