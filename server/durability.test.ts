import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../shared/compiler/parse-document.js';
import { DATABASE_FILE } from './store/open-database.js';
import { type ChildServer, startChildServer } from './test-helpers/child-server.js';
import { startPostgres, type TestPostgres } from './test-helpers/postgres.js';
import { slowConsumerGraph } from './test-helpers/start-app.js';
import { until } from './test-helpers/until.js';

const CLIENTS = 4;
const ACKS_PER_CYCLE = 3;

const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-durability-'));
let cluster: TestPostgres | undefined;
let databaseUrl = '';
beforeAll(async () => {
  cluster = await startPostgres();
  databaseUrl = await cluster.database();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A save the server answered 2xx: it must be there, whole, after any crash. */
interface Acked {
  id: string;
  revision: number;
  doc: unknown;
}

function docFor(label: string): typeof slowConsumerGraph & { description: string } {
  // Sizes vary so kills land in small and large writes alike.
  return { ...slowConsumerGraph, name: label, description: 'x'.repeat(Math.floor(Math.random() * 9_000)) };
}

/** Saves as fast as it can until the server (or its database) dies: new graphs and new revisions. */
async function client(
  server: ChildServer,
  tag: string,
  acked: Acked[],
  owned: { id: string; token: string }[],
) {
  for (let i = 0; ; i++) {
    const doc = docFor(`${tag}-${i}`);
    const mine =
      owned.length > 0 && Math.random() < 0.6 ? owned[Math.floor(Math.random() * owned.length)] : undefined;
    try {
      const res = await fetch(mine ? `${server.url}/api/graphs/${mine.id}` : `${server.url}/api/graphs`, {
        method: mine ? 'PUT' : 'POST',
        headers: {
          'content-type': 'application/json',
          ...(mine ? { authorization: `Bearer ${mine.token}` } : {}),
        },
        body: JSON.stringify(doc),
      });
      const body = (await res.json()) as {
        id?: string;
        editToken?: string;
        revision: number;
        error?: string;
      };
      if (res.status === 503 && body.error === 'store_unavailable') return; // the database went down: not acknowledged
      if (!res.ok) return `save answered ${res.status}: ${JSON.stringify(body)}`;
      const id = mine?.id ?? body.id!;
      if (!mine) owned.push({ id, token: body.editToken! });
      acked.push({ id, revision: body.revision, doc });
    } catch {
      return; // the kill reset the connection mid-request: this save was never acknowledged
    }
  }
}

type Rows = {
  graphs: { id: string; head_revision: number }[];
  revisions: Map<string, { revision: number; document: string }[]>;
};

/** Checks what the database holds through and through: every acknowledged save, nothing half-written. */
function checkRows(
  { graphs, revisions: byGraph }: Rows,
  acked: Acked[],
): { graphs: number; revisions: number } {
  for (const a of acked) {
    const row = byGraph.get(a.id)?.find((r) => r.revision === a.revision);
    expect(row, `acknowledged save ${a.id}@${a.revision} is missing`).toBeDefined();
    expect(JSON.parse(row!.document)).toEqual(a.doc);
  }
  // Every graph's revisions run 1..head, and every document is valid.
  let revisions = 0;
  for (const g of graphs) {
    const rows = byGraph.get(g.id) ?? [];
    expect(rows.map((r) => r.revision)).toEqual(Array.from({ length: g.head_revision }, (_, i) => i + 1));
    for (const r of rows) expect(parseDocument(JSON.parse(r.document)).ok).toBe(true);
    revisions += rows.length;
  }
  return { graphs: graphs.length, revisions };
}

function group(rows: { graph_id: string; revision: number; document: string }[]): Rows['revisions'] {
  const out: Rows['revisions'] = new Map();
  for (const r of rows) {
    if (!out.has(r.graph_id)) out.set(r.graph_id, []);
    out.get(r.graph_id)!.push({ revision: r.revision, document: r.document });
  }
  return out;
}

const REVISIONS = 'SELECT graph_id, revision, document FROM graph_revisions ORDER BY graph_id, revision';

interface Backend {
  name: string;
  cycles: number;
  /** How long clients save before the kill: up to this many ms (a random moment). */
  loadMs: number;
  env(): Record<string, string>;
  /** Opens what the dead server left, as the next start would. */
  rows(): Promise<Rows>;
  /** Also crash the database itself in this cycle (Postgres: an immediate stop, as at a power cut). */
  crashDatabase?(cycle: number): boolean;
}

const backends: Backend[] = [
  {
    name: 'sqlite',
    cycles: 24,
    loadMs: 400,
    env: () => ({}),
    async rows() {
      const db = new Database(path.join(dataDir, DATABASE_FILE));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        return {
          graphs: db.prepare('SELECT id, head_revision FROM graphs').all() as Rows['graphs'],
          revisions: group(db.prepare(REVISIONS).all() as never),
        };
      } finally {
        db.close();
      }
    },
  },
  {
    name: 'postgres',
    // Fewer, longer cycles: a save waits for a network round trip and Postgres' own fsync.
    cycles: 12,
    loadMs: 600,
    env: () => ({ DATABASE_URL: databaseUrl }),
    async rows() {
      const c = new pg.Client(databaseUrl);
      await c.connect();
      try {
        return {
          graphs: (await c.query('SELECT id, head_revision FROM graphs')).rows,
          revisions: group((await c.query(REVISIONS)).rows),
        };
      } finally {
        await c.end();
      }
    },
    crashDatabase: (cycle) => cycle % 4 === 3,
  },
];

describe.each(backends)('durability on $name', (backend) => {
  it(`keeps every acknowledged save through ${backend.cycles} SIGKILLs at random moments`, {
    // A hang guard only: each cycle starts a server process, 15 s apiece on a machine at load 30 (480 s for the SQLite cycles there).
    timeout: 900_000,
  }, async () => {
    const acked: Acked[] = [];
    const owned: { id: string; token: string }[] = [];
    let last = { graphs: 0, revisions: 0 };
    let databaseCrashes = 0;
    for (let cycle = 0; cycle < backend.cycles; cycle++) {
      const server = await startChildServer(dataDir, backend.env());
      // After a restart the server itself serves what was acknowledged before the kill.
      for (const a of acked.slice(-3)) {
        const res = await fetch(`${server.url}/api/graphs/${a.id}/revisions/${a.revision}`);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { graph: unknown }).graph).toEqual(a.doc);
      }
      const clients = Array.from({ length: CLIENTS }, (_, c) =>
        client(server, `c${cycle}.${c}`, acked, owned),
      );
      // Some saves acknowledged in every cycle (however loaded the machine), then a random moment.
      const before = acked.length;
      await until(
        () => acked.length - before,
        (n) => n >= ACKS_PER_CYCLE,
        'saves to be acknowledged',
        60_000,
      );
      await new Promise((r) => setTimeout(r, Math.random() * backend.loadMs));
      const crashDb = backend.crashDatabase?.(cycle) && cluster !== undefined;
      if (crashDb) {
        await cluster!.crash(); // saves in flight now fail (503) or were committed first
        databaseCrashes++;
        await new Promise((r) => setTimeout(r, 50));
      }
      server.child.kill('SIGKILL');
      await server.exited;
      expect((await Promise.all(clients)).filter(Boolean)).toEqual([]);
      if (crashDb) await cluster!.start(); // recovers from its WAL
      last = checkRows(await backend.rows(), acked);
    }
    console.log(
      `durability on ${backend.name}: ${backend.cycles} kills (${databaseCrashes} of the database too), ${acked.length} acknowledged saves, db holds ${last.graphs} graphs / ${last.revisions} revisions`,
    );
    expect(acked.length).toBeGreaterThanOrEqual(backend.cycles * ACKS_PER_CYCLE);
    expect(last.revisions).toBeGreaterThanOrEqual(acked.length);
  });
});
