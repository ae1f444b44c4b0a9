import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { DATABASE_FILE, openDatabase } from './open-database.js';

// SQLite's own settings; what both dialects share is in graph-store.test.ts.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('opening the SQLite database', () => {
  it('creates the data directory, uses WAL with synchronous=FULL, and records the schema version', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sluice-sqlite-'));
    dirs.push(root);
    const dir = path.join(root, 'nested', 'data');
    const db = openDatabase(dir);
    expect(existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  });
});
