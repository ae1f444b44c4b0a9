import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken, tokenMatches } from './edit-token.js';
import { GraphStore } from './graph-store.js';
import { MIGRATIONS } from './migrations.js';
import { DATABASE_FILE, openDatabase } from './open-database.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sluice-store-')), 'nested', 'data');
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(path.dirname(path.dirname(d)), { recursive: true, force: true });
});

describe('opening the database', () => {
  it('creates the data directory, uses WAL with synchronous=FULL, and migrates once', () => {
    const dir = freshDir();
    const db = openDatabase(dir);
    expect(existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
    const again = openDatabase(dir);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    });
    again.close();
  });

  it('refuses a database written by a newer version instead of guessing', () => {
    const dir = freshDir();
    openDatabase(dir).close();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.prepare("INSERT INTO schema_migrations VALUES (999, 'future', '2099-01-01')").run();
    raw.close();
    expect(() => openDatabase(dir)).toThrow(/newer/);
  });
});

describe('GraphStore', () => {
  it('keeps revisions immutable and pages in creation order even after edits', () => {
    const store = GraphStore.open(freshDir());
    const a = store.create({ name: 'a' });
    const b = store.create({ name: 'b' });
    expect(store.update(a.id, { name: 'a2' })).toEqual({ revision: 2 });
    expect(store.revision(a.id, 1)?.graph).toEqual({ name: 'a' });
    expect(store.find(a.slug)).toMatchObject({ id: a.id, revision: 2, name: 'a2', graph: { name: 'a2' } });
    const tokens = [a.editToken, b.editToken];
    const first = store.listOwned(tokens, 1);
    if (first === 'bad_cursor') throw new Error('no cursor was given');
    expect(first.graphs.map((g) => g.id)).toEqual([b.id]);
    const second = store.listOwned(tokens, 1, first.next!);
    expect(second !== 'bad_cursor' && second.graphs.map((g) => g.id)).toEqual([a.id]);
    expect(store.listOwned([a.editToken], 1, first.next!)).toBe('bad_cursor');
    expect(store.listOwned([], 10)).toEqual({ graphs: [], next: null });
    expect(store.update('missing', { name: 'x' })).toBeUndefined();
    store.close();
  });

  it('checks edit tokens against their hash only', () => {
    const store = GraphStore.open(freshDir());
    const { id, editToken } = store.create({ name: 'a' });
    expect(store.authorize(id, editToken)).toBe('ok');
    expect(store.authorize(id, `${editToken}x`)).toBe('forbidden');
    expect(store.authorize('missing', editToken)).toBe('not_found');
    expect(tokenMatches(editToken, hashToken(editToken))).toBe(true);
    expect(tokenMatches(editToken, 'abcd')).toBe(false);
    store.close();
  });
});
