import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from './store/open-database.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

describe('a SQLite file another process holds locked', () => {
  it('answers a save 503 store_unavailable once busy_timeout passes, not 500; saves again after', async () => {
    // ARRANGE: another writer (a backup tool, a second server on the same DATA_DIR) holds the lock.
    app = await startTestApp();
    const other = new Database(path.join(app.dataDir, DATABASE_FILE));
    other.exec('BEGIN EXCLUSIVE');
    try {
      // ACT
      const res = await sendJson('POST', `${app.url}/api/graphs`, slowConsumerGraph);
      // ASSERT
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ error: 'store_unavailable' });
      expect(String(res.body.message)).toContain('SQLITE_BUSY');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await sendJson('POST', `${app.url}/api/graphs`, slowConsumerGraph)).status).toBe(201);
  });
});
