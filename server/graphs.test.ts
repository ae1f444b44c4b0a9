import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteGraphStore } from './store/sqlite-graph-store.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  await app.close();
});

const api = (path: string) => `${app.url}/api${path}`;
const bearer = (token: unknown) => ({ authorization: `Bearer ${String(token)}` });

async function create(graph: unknown = slowConsumerGraph) {
  const res = await sendJson('POST', api('/graphs'), graph);
  expect(res.status).toBe(201);
  return res.body as { id: string; slug: string; revision: number; editToken: string; issues: unknown[] };
}

describe('saving and sharing graphs', () => {
  it('creates a graph with a public slug and a one-time edit token, readable by id and by slug', async () => {
    const created = await create();
    expect(created).toMatchObject({ revision: 1, issues: [] });
    expect(created.slug).toMatch(/^[a-z0-9]{12}$/);
    expect(created.editToken.length).toBeGreaterThanOrEqual(32);
    for (const key of [created.id, created.slug]) {
      const got = await sendJson('GET', api(`/graphs/${key}`));
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({
        id: created.id,
        slug: created.slug,
        revision: 1,
        name: 'slow consumer',
      });
      expect(got.body.graph).toMatchObject({
        nodes: slowConsumerGraph.nodes,
        edges: slowConsumerGraph.edges,
      });
      expect(JSON.stringify(got.body)).not.toContain(created.editToken);
    }
    expect((await sendJson('GET', api('/graphs/nope'))).status).toBe(404);
  });

  it('stores the edit token only as a hash', async () => {
    const created = await create();
    const { db } = app.store as SqliteGraphStore;
    const dump = JSON.stringify(db.prepare('SELECT * FROM graphs').all());
    expect(dump).not.toContain(created.editToken);
  });

  it('saves a new immutable revision only with the right token: 401 without, 403 wrong, 404 unknown', async () => {
    const created = await create();
    const edited = { ...slowConsumerGraph, name: 'edited' };
    expect((await sendJson('PUT', api(`/graphs/${created.id}`), edited)).status).toBe(401);
    const wrong = await sendJson('PUT', api(`/graphs/${created.id}`), edited, bearer('x'.repeat(32)));
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toBe('forbidden');
    const unknown = await sendJson('PUT', api('/graphs/missing'), edited, bearer(created.editToken));
    expect(unknown.status).toBe(404);

    const ok = await sendJson('PUT', api(`/graphs/${created.id}`), edited, bearer(created.editToken));
    expect(ok.status).toBe(200);
    expect(ok.body.revision).toBe(2);
    const head = await sendJson('GET', api(`/graphs/${created.slug}`));
    expect(head.body).toMatchObject({ revision: 2, name: 'edited' });
    const revisions = await sendJson('GET', api(`/graphs/${created.id}/revisions`));
    expect((revisions.body.revisions as { revision: number }[]).map((r) => r.revision)).toEqual([1, 2]);
    const first = await sendJson('GET', api(`/graphs/${created.id}/revisions/1`));
    expect(first.body).toMatchObject({ revision: 1, graph: { name: 'slow consumer' } });
    expect((await sendJson('GET', api(`/graphs/${created.id}/revisions/3`))).status).toBe(404);
    expect((await sendJson('GET', api(`/graphs/${created.id}/revisions/abc`))).status).toBe(404);
  });

  it('forks a graph into a copy with its own token that cannot edit the original', async () => {
    const original = await create();
    const fork = await sendJson('POST', api(`/graphs/${original.slug}/fork`), {});
    expect(fork.status).toBe(201);
    const forked = fork.body as { id: string; editToken: string };
    expect(forked.id).not.toBe(original.id);
    expect(forked.editToken).not.toBe(original.editToken);
    const copy = await sendJson('GET', api(`/graphs/${forked.id}`), undefined, bearer(forked.editToken));
    expect(copy.body).toMatchObject({ revision: 1, forkedFrom: original.id, name: 'slow consumer' });
    const cross = await sendJson(
      'PUT',
      api(`/graphs/${original.id}`),
      slowConsumerGraph,
      bearer(forked.editToken),
    );
    expect(cross.status).toBe(403);
    expect((await sendJson('POST', api('/graphs/missing/fork'), {})).status).toBe(404);
  });

  it('pages through your own graphs newest first with an opaque cursor', async () => {
    const ids: string[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      const g = await create({ ...slowConsumerGraph, name: `g${i}` });
      ids.push(g.id);
      tokens.push(g.editToken);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await sendJson('GET', api(`/graphs${qs}`), undefined, bearer(tokens.join(' ')));
      expect(page.status).toBe(200);
      const graphs = page.body.graphs as { id: string; name: string }[];
      expect(graphs.length).toBeLessThanOrEqual(2);
      seen.push(...graphs.map((g) => g.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const mine = bearer(tokens.join(' '));
    expect((await sendJson('GET', api('/graphs?cursor=bogus'), undefined, mine)).status).toBe(400);
    expect((await sendJson('GET', api('/graphs?limit=0'), undefined, mine)).status).toBe(400);
  });

  it('saves work in progress that would not run, reporting why; refuses invalid documents naming node and field', async () => {
    const wip = structuredClone(slowConsumerGraph);
    wip.edges.pop(); // the worker's output is unconnected: fine to save
    wip.nodes[0]!.params = { rate: -1 };
    const saved = await create(wip);
    expect(saved.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'nodes.0.params.rate', nodeId: 'src' })]),
    );
    const bad = structuredClone(slowConsumerGraph) as Record<string, unknown> & typeof slowConsumerGraph;
    (bad.edges[1] as Record<string, unknown>).capacity = 'lots';
    const res = await sendJson('POST', api('/graphs'), bad);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_graph');
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'edges.1.capacity', edgeId: 'e2' })]);
  });

  it('starts a run from a saved graph (head or a given revision); 404 when missing', async () => {
    const saved = await create({ ...slowConsumerGraph, name: 'v1' });
    const v2 = structuredClone(slowConsumerGraph);
    v2.nodes[0]!.params = { rate: -1 }; // revision 2 does not compile
    await sendJson('PUT', api(`/graphs/${saved.id}`), v2, bearer(saved.editToken));

    const head = await sendJson('POST', api('/runs'), { graphId: saved.slug });
    expect(head.status).toBe(400);
    expect(head.body.error).toBe('compile_failed');
    const r1 = await sendJson('POST', api('/runs'), { graphId: saved.id, revision: 1 });
    expect(r1.status).toBe(201);
    await sendJson('POST', api(`/runs/${r1.body.runId}/stop`), { mode: 'abort' });
    expect((await sendJson('POST', api('/runs'), { graphId: 'missing' })).status).toBe(404);
    expect((await sendJson('POST', api('/runs'), { graphId: saved.id, revision: 9 })).status).toBe(404);
  });
});
