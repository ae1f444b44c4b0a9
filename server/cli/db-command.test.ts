import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStore } from '../store/dump-file.js';
import { DATABASE_FILE } from '../store/open-database.js';
import { PgGraphStore } from '../store/pg-graph-store.js';
import { PgRecordingStore } from '../store/pg-recording-store.js';
import { SqliteRecordingStore } from '../store/recording-store.js';
import { SqliteGraphStore } from '../store/sqlite-graph-store.js';
import { DumpFormatError, StoreConflictError } from '../store/store-errors.js';
import { nodeEntry } from '../test-helpers/node-entry.js';
import { startPostgres, type TestPostgres } from '../test-helpers/postgres.js';
import { sendJson, slowConsumerGraph, startRunOn, startTestApp } from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

const exec = promisify(execFile);
/** The real CLI, as `npm run sluice -- db …` runs it, with only the given store variables. */
const cli = (args: string[], env: Record<string, string>) =>
  exec(process.execPath, [...nodeEntry('server/cli.ts'), 'db', ...args], {
    cwd: process.cwd(),
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '', ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

let cluster: TestPostgres;
const tmp = mkdtempSync(path.join(tmpdir(), 'sluice-db-move-'));
beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const bearer = (...tokens: string[]) => ({ authorization: `Bearer ${tokens.join(' ')}` });
type Saved = { id: string; slug: string; editToken: string };

async function pgCount(url: string): Promise<number> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return Number((await c.query('SELECT COUNT(*) AS n FROM graphs')).rows[0].n);
  } finally {
    await c.end();
  }
}

/** Every revision's stored text, as the database holds it (byte-identity is about these). */
async function documents(store: SqliteGraphStore | PgGraphStore): Promise<string[]> {
  const sql = 'SELECT graph_id, revision, document FROM graph_revisions ORDER BY graph_id, revision';
  const rows =
    store instanceof SqliteGraphStore ? store.db.prepare(sql).all() : (await store.pool.query(sql)).rows;
  return (rows as { graph_id: string; revision: number; document: string }[]).map(
    (r) => `${r.graph_id}@${r.revision}:${r.document}`,
  );
}

describe('db export / db import between SQLite and Postgres', () => {
  it('moves everything: identical graphs and slugs, old edit tokens keep saving, all or nothing', {
    timeout: 400_000, // a hang guard: eight CLI processes, each slow to start on a loaded machine
  }, async () => {
    // ARRANGE: a SQLite server with history — edits, a fork, unicode, a crafted key order.
    const dataDir = path.join(tmp, 'sqlite');
    const sqliteStore = SqliteGraphStore.open(dataDir);
    const sqlite = await startTestApp(
      {},
      { store: sqliteStore, recordingStore: new SqliteRecordingStore(sqliteStore.db) },
    );
    const post = async (doc: unknown) =>
      (await sendJson('POST', `${sqlite.url}/api/graphs`, doc)).body as Saved;
    const a = await post({ ...slowConsumerGraph, name: 'lesson ☃ «a»' });
    for (const n of ['two', 'three'])
      expect(
        (
          await sendJson(
            'PUT',
            `${sqlite.url}/api/graphs/${a.id}`,
            { ...slowConsumerGraph, name: n },
            bearer(a.editToken),
          )
        ).status,
      ).toBe(200);
    const b = await post({ ...slowConsumerGraph, name: 'b', description: 'd'.repeat(5_000) });
    const fork = (await sendJson('POST', `${sqlite.url}/api/graphs/${a.slug}/fork`, { name: 'fork' }))
      .body as Saved;
    const before = new Map<string, unknown>();
    for (const g of [a, b, fork]) {
      before.set(
        g.slug,
        (await sendJson('GET', `${sqlite.url}/api/graphs/${g.slug}`, undefined, bearer(g.editToken))).body,
      );
      before.set(
        `${g.id}/revisions`,
        (await sendJson('GET', `${sqlite.url}/api/graphs/${g.id}/revisions`)).body,
      );
    }
    const listBefore = (
      await sendJson(
        'GET',
        `${sqlite.url}/api/graphs`,
        undefined,
        bearer(a.editToken, b.editToken, fork.editToken),
      )
    ).body;
    const sqliteDocs = await documents(sqlite.store as SqliteGraphStore);
    // A run's saved recording (same database) moves with the graphs.
    const run = await startRunOn(sqlite.url, { graphId: a.id });
    const socket = await sqlite.connect();
    let frames = 0;
    socket.on('run:telemetry', () => frames++);
    await socket.emitWithAck('run:subscribe', { runId: run.runId, token: run.watchToken });
    await until(
      () => frames,
      (n) => n >= 3,
      'frames of the recorded run',
    );
    const savedRec = await sendJson('POST', `${sqlite.url}/api/runs/${run.runId}/recording`, {}, run.auth);
    expect(savedRec, JSON.stringify(savedRec.body)).toMatchObject({ status: 201 });
    await sendJson('POST', `${sqlite.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
    const recSlug = String(savedRec.body.slug);
    const recBefore = await sendJson('GET', `${sqlite.url}/api/recordings/${recSlug}`);
    expect(recBefore.status).toBe(200);
    const recording = await new SqliteRecordingStore((sqlite.store as SqliteGraphStore).db).find(recSlug);
    await sqlite.close();

    // ACT: export from SQLite, import into an empty Postgres database.
    const file = path.join(tmp, 'store.ndjson');
    const url = await cluster.database();
    const exported = await cli(['export', file], { DATA_DIR: dataDir });
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.stdout).toContain('exported 3 graphs (5 revisions), 1 recordings');
    expect((await cli(['export', file], { DATA_DIR: dataDir })).stderr).toContain('already exists');
    const imported = await cli(['import', file], { DATABASE_URL: url });
    expect(imported.stderr).toBe('');
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toContain('imported 3 graphs (5 revisions), 1 recordings');

    // ASSERT: the same answers from an app on the Postgres store, byte for byte underneath.
    const pgStore = await PgGraphStore.open(url);
    expect(await documents(pgStore)).toEqual(sqliteDocs);
    const pgRecordings = new PgRecordingStore(pgStore.pool);
    expect(await pgRecordings.find(recSlug)).toEqual(recording);
    const onPg = await startTestApp({}, { store: pgStore, recordingStore: pgRecordings });
    try {
      for (const g of [a, b, fork]) {
        expect(
          (await sendJson('GET', `${onPg.url}/api/graphs/${g.slug}`, undefined, bearer(g.editToken))).body,
        ).toEqual(before.get(g.slug));
        expect((await sendJson('GET', `${onPg.url}/api/graphs/${g.id}/revisions`)).body).toEqual(
          before.get(`${g.id}/revisions`),
        );
      }
      expect((await sendJson('GET', `${onPg.url}/api/recordings/${recSlug}`)).body).toEqual(recBefore.body);
      expect(
        (
          await sendJson(
            'GET',
            `${onPg.url}/api/graphs`,
            undefined,
            bearer(a.editToken, b.editToken, fork.editToken),
          )
        ).body,
      ).toEqual(listBefore);
      // Back out again: the Postgres export's records are the SQLite export's, line for line.
      const again = path.join(tmp, 'again.ndjson');
      expect((await cli(['export', again], { DATABASE_URL: url })).code).toBe(0);
      const records = (f: string) => readFileSync(f, 'utf8').split('\n').slice(1);
      expect(records(again)).toEqual(records(file));

      // The old edit token saves on the new store; a wrong one still cannot.
      const put = await sendJson(
        'PUT',
        `${onPg.url}/api/graphs/${a.id}`,
        { ...slowConsumerGraph, name: 'four' },
        bearer(a.editToken),
      );
      expect(put).toMatchObject({ status: 200, body: { revision: 4 } });
      expect(
        (await sendJson('PUT', `${onPg.url}/api/graphs/${a.id}`, slowConsumerGraph, bearer(b.editToken)))
          .status,
      ).toBe(403);
      expect((await sendJson('GET', `${onPg.url}/api/graphs/${a.slug}`)).body).toMatchObject({
        revision: 4,
        name: 'four',
      });
    } finally {
      await onPg.close();
    }

    // A store that holds graphs: refused without --merge, and --merge never overwrites a graph.
    const refused = await cli(['import', file], { DATABASE_URL: url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--merge');
    const clash = await cli(['import', file, '--merge'], { DATABASE_URL: url });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(`graph "${a.id}"`);
    expect(await pgCount(url)).toBe(3);

    // --merge adds another store's graphs next to these.
    const otherDir = path.join(tmp, 'other');
    const other = SqliteGraphStore.open(otherDir);
    const c = await other.create({ name: 'c' });
    await other.close();
    const otherFile = path.join(tmp, 'other.ndjson');
    expect((await cli(['export', otherFile], { DATA_DIR: otherDir })).code).toBe(0);
    expect((await cli(['import', otherFile, '--merge'], { DATABASE_URL: url })).code).toBe(0);
    expect(await pgCount(url)).toBe(4);
    const merged = await PgGraphStore.open(url);
    expect(await merged.authorize(c.id, c.editToken)).toBe('ok');
    await merged.close();
  });

  it('refuses damaged or hostile files naming the line, writing nothing even after graphs went in', async () => {
    const dataDir = path.join(tmp, 'source');
    const source = SqliteGraphStore.open(dataDir);
    for (let i = 0; i < 3; i++) await source.create({ name: `g${i}` });
    await source.close();
    const file = path.join(tmp, 'good.ndjson');
    expect((await cli(['export', file], { DATA_DIR: dataDir })).code).toBe(0);
    const good = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(good).toHaveLength(1 + 3 * 2 + 1);

    const target = await PgGraphStore.open(await cluster.database());
    const sqliteTarget = SqliteGraphStore.open(path.join(tmp, 'target'));
    const damaged: [string, string[], RegExp][] = [
      ['cut off', good.slice(0, -1), /without its end line/],
      [
        'an extra field',
        [...good.slice(0, 5), good[5]!.replace('{"type"', '{"extra":1,"type"'), ...good.slice(6)],
        /line 6/,
      ],
      [
        'a poisoning key',
        [...good.slice(0, 5), good[5]!.replace('{"type"', '{"__proto__":{"x":1},"type"'), ...good.slice(6)],
        /forbidden key "__proto__"/,
      ],
      [
        'a poisoned document',
        [
          ...good.slice(0, 6),
          good[6]!.replace(/"document":"\{/, '"document":"{\\"constructor\\":1,'),
          ...good.slice(7),
        ],
        /line 7: .*forbidden key "constructor"/,
      ],
      ['a missing revision', [...good.slice(0, 6), ...good.slice(7)], /has 0 of its 1 revisions/],
      [
        'wrong counts',
        [...good.slice(0, -1), good.at(-1)!.replace('"graphs":3', '"graphs":4')],
        /end line counts 4/,
      ],
      ['not an export', ['{"format":"other"}', ...good.slice(1)], /not a Sluice store export/],
    ];
    for (const [what, lines, message] of damaged) {
      const bad = path.join(tmp, `bad-${what.replaceAll(' ', '-')}.ndjson`);
      writeFileSync(bad, `${lines.join('\n')}\n`);
      for (const store of [target, sqliteTarget]) {
        const err = await importStore(store, bad, { merge: false }).catch((e: unknown) => e);
        expect(err, `${what} on ${store.dialect}`).toBeInstanceOf(DumpFormatError);
        expect(String((err as Error).message), what).toMatch(message);
        expect(
          (await store.listOwned([], 1)) && (await store.find(good[1]!.match(/"id":"([^"]+)"/)![1]!)),
        ).toBeUndefined();
      }
    }
    // The good file still goes in whole afterwards; a second time into the same store is refused.
    for (const store of [target, sqliteTarget]) {
      expect(await importStore(store, file, { merge: false })).toEqual({
        graphs: 3,
        revisions: 3,
        recordings: 0,
      });
      await expect(importStore(store, file, { merge: false })).rejects.toBeInstanceOf(StoreConflictError);
    }
    const raw = new Database(path.join(tmp, 'target', DATABASE_FILE), { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM graphs').get()).toEqual({ n: 3 });
    raw.close();
    await target.close();
    await sqliteTarget.close();
  });
});
