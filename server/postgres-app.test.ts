import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, openStores } from './store/open-store.js';
import { startPostgres, type TestPostgres } from './test-helpers/postgres.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

let cluster: TestPostgres;
let app: TestApp;
beforeAll(async () => {
  cluster = await startPostgres();
  // As main.ts opens them: graphs and saved recordings on one Postgres database.
  const stores = await openStores({ dataDir: '/nonexistent', databaseUrl: await cluster.database() });
  app = await startTestApp({}, { store: stores.graphs, recordingStore: stores.recordings });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await cluster?.stop();
});

describe('the app on a Postgres store', () => {
  it('answers ids Postgres cannot hold (NUL, poisoning names, very long) 404, never 500', async () => {
    const saved = (
      await sendJson('POST', `${app.url}/api/graphs`, { ...slowConsumerGraph, name: 'a\u0000b' })
    ).body as {
      id: string;
      slug: string;
      editToken: string;
    };
    expect((await sendJson('GET', `${app.url}/api/graphs/${saved.slug}`)).body.graph).toMatchObject({
      name: 'a\u0000b',
    });
    const auth = { authorization: `Bearer ${saved.editToken}` };
    for (const key of ['%00', 'a%00b', '__proto__', 'constructor', 'x'.repeat(2_000), '%F0%9F%9A%B0']) {
      for (const [method, p] of [
        ['GET', `/graphs/${key}`],
        ['GET', `/graphs/${key}/revisions`],
        ['GET', `/graphs/${key}/revisions/1`],
        ['POST', `/graphs/${key}/fork`],
        ['POST', `/graphs/${key}/claim`],
        ['PUT', `/graphs/${key}`],
        ['GET', `/recordings/${key}`],
      ] as const) {
        const res = await sendJson(
          method,
          `${app.url}/api${p}`,
          method === 'PUT' ? slowConsumerGraph : method === 'POST' ? {} : undefined,
          auth,
        );
        expect(res.status, `${method} ${p}`).toBe(404);
      }
    }
  });
});

describe('a Postgres store that goes away', () => {
  it('answers 503 store_unavailable (with Retry-After, no stack) while it is down, and serves again once it is back', async () => {
    // ARRANGE
    const saved = (await sendJson('POST', `${app.url}/api/graphs`, slowConsumerGraph)).body as {
      id: string;
      slug: string;
      editToken: string;
    };
    await cluster.crash();
    // ACT
    const calls = [
      sendJson('GET', `${app.url}/api/graphs/${saved.slug}`),
      sendJson('POST', `${app.url}/api/graphs`, slowConsumerGraph),
      sendJson('PUT', `${app.url}/api/graphs/${saved.id}`, slowConsumerGraph, {
        authorization: `Bearer ${saved.editToken}`,
      }),
      sendJson('GET', `${app.url}/api/graphs`, undefined, { authorization: `Bearer ${saved.editToken}` }),
      sendJson('POST', `${app.url}/api/runs`, { graphId: saved.id }),
    ];
    const down = await Promise.all(calls);
    // ASSERT
    for (const res of down) {
      expect(res.status).toBe(503);
      expect(res.body.error).toBe('store_unavailable');
      expect(String(res.body.message)).toMatch(/try again/);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|ECONNREFUSED.*\n/);
    }
    await cluster.start();
    const back = await sendJson('GET', `${app.url}/api/graphs/${saved.slug}`);
    expect(back).toMatchObject({ status: 200, body: { id: saved.id } });
    const put = await sendJson('PUT', `${app.url}/api/graphs/${saved.id}`, slowConsumerGraph, {
      authorization: `Bearer ${saved.editToken}`,
    });
    expect(put).toMatchObject({ status: 200, body: { revision: 2 } });
  });

  it('refuses to start on a database it cannot reach, saying so', async () => {
    const url = `postgres://postgres@127.0.0.1:${cluster.port + 1}/none`;
    await expect(openStore({ dataDir: '/nonexistent', databaseUrl: url })).rejects.toThrow(
      /store is unavailable \(ECONNREFUSED\)/,
    );
  });
});
