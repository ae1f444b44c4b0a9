import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../shared/compiler/parse-document.js';
import { DATABASE_FILE } from './store/open-database.js';
import { type ChildServer, startChildServer } from './test-helpers/child-server.js';
import { slowConsumerGraph } from './test-helpers/start-app.js';

const CYCLES = 24;
const CLIENTS = 4;

const dataDir = mkdtempSync(path.join(tmpdir(), 'sluice-durability-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

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

/** Saves as fast as it can until the server dies: new graphs and new revisions of them. */
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
      const body = (await res.json()) as { id?: string; editToken?: string; revision: number };
      if (!res.ok) return `save answered ${res.status}: ${JSON.stringify(body)}`;
      const id = mine?.id ?? body.id!;
      if (!mine) owned.push({ id, token: body.editToken! });
      acked.push({ id, revision: body.revision, doc });
    } catch {
      return; // the kill reset the connection mid-request: this save was never acknowledged
    }
  }
}

/** Opens the file the dead server left, as the next start would, and checks it through and through. */
function checkDatabase(acked: Acked[]): { graphs: number; revisions: number } {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const doc = db.prepare('SELECT document FROM graph_revisions WHERE graph_id = ? AND revision = ?');
    for (const a of acked) {
      const row = doc.get(a.id, a.revision) as { document: string } | undefined;
      expect(row, `acknowledged save ${a.id}@${a.revision} is missing`).toBeDefined();
      expect(JSON.parse(row!.document)).toEqual(a.doc);
    }
    // Nothing half-written: every graph's revisions run 1..head, and every document is valid.
    const graphs = db.prepare('SELECT id, head_revision FROM graphs').all() as {
      id: string;
      head_revision: number;
    }[];
    const revs = db.prepare(
      'SELECT revision, document FROM graph_revisions WHERE graph_id = ? ORDER BY revision',
    );
    let revisions = 0;
    for (const g of graphs) {
      const rows = revs.all(g.id) as { revision: number; document: string }[];
      expect(rows.map((r) => r.revision)).toEqual(Array.from({ length: g.head_revision }, (_, i) => i + 1));
      for (const r of rows) expect(parseDocument(JSON.parse(r.document)).ok).toBe(true);
      revisions += rows.length;
    }
    return { graphs: graphs.length, revisions };
  } finally {
    db.close();
  }
}

describe('durability', () => {
  it(`keeps every acknowledged save through ${CYCLES} SIGKILLs at random moments`, {
    timeout: 120_000,
  }, async () => {
    const acked: Acked[] = [];
    const owned: { id: string; token: string }[] = [];
    let last = { graphs: 0, revisions: 0 };
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const server = await startChildServer(dataDir);
      // After a restart the server itself serves what was acknowledged before the kill.
      for (const a of acked.slice(-3)) {
        const res = await fetch(`${server.url}/api/graphs/${a.id}/revisions/${a.revision}`);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { graph: unknown }).graph).toEqual(a.doc);
      }
      const clients = Array.from({ length: CLIENTS }, (_, c) =>
        client(server, `c${cycle}.${c}`, acked, owned),
      );
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 400));
      server.child.kill('SIGKILL');
      await server.exited;
      expect((await Promise.all(clients)).filter(Boolean)).toEqual([]);
      last = checkDatabase(acked);
    }
    console.log(
      `durability: ${CYCLES} kills, ${acked.length} acknowledged saves, db holds ${last.graphs} graphs / ${last.revisions} revisions`,
    );
    expect(acked.length).toBeGreaterThan(CYCLES * 5);
    expect(last.revisions).toBeGreaterThanOrEqual(acked.length);
  });
});
