import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LIST_TOKENS } from '../shared/protocol/api.js';
import { sendJson, slowConsumerGraph, startTestApp, type TestApp } from './test-helpers/start-app.js';

/*
 * Two browsers on one server, each holding the edit tokens of what it saved:
 *
 *   browser A ── saves ──▶ "a-one", "a-two"
 *   browser B ── saves ──▶ "b-one"
 *
 * Listing shows each browser its own graphs; a slug is the only way to someone else's.
 */

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  await app.close();
});

const api = (path: string) => `${app.url}/api${path}`;
const bearer = (...tokens: string[]) => ({ authorization: `Bearer ${tokens.join(' ')}` });
type Saved = { id: string; slug: string; editToken: string };

async function save(name: string): Promise<Saved> {
  const res = await sendJson('POST', api('/graphs'), { ...slowConsumerGraph, name });
  expect(res.status).toBe(201);
  return res.body as Saved;
}

async function list(headers: Record<string, string> = {}, query = '') {
  const res = await sendJson('GET', api(`/graphs${query}`), undefined, headers);
  return { ...res, names: ((res.body.graphs ?? []) as { name: string }[]).map((g) => g.name) };
}

describe('listing saved graphs shows only your own', () => {
  it('a browser without tokens sees none; each browser sees exactly the graphs whose tokens it holds', async () => {
    // ARRANGE
    const a1 = await save('a-one');
    const a2 = await save('a-two');
    const b1 = await save('b-one');
    // ACT
    const stranger = await list();
    const a = await list(bearer(a1.editToken, a2.editToken));
    const b = await list(bearer(b1.editToken, 'x'.repeat(32)));
    const commas = await list({ authorization: `Bearer ${a1.editToken},${b1.editToken}` });
    // ASSERT
    expect(stranger).toMatchObject({ status: 200, body: { graphs: [], nextCursor: null } });
    expect(a.names).toEqual(['a-two', 'a-one']);
    expect(b.names).toEqual(['b-one']);
    expect(JSON.stringify(b.body)).not.toContain(a1.slug);
    expect(commas.names).toEqual(['b-one', 'a-one']);
  });

  it('a page cursor opens nothing but the next page of the same owner', async () => {
    // ARRANGE
    const a = [await save('a-0'), await save('a-1'), await save('a-2')];
    const b = await save('b-0');
    const first = await list(bearer(...a.map((g) => g.editToken)), '?limit=1');
    const cursor = String(first.body.nextCursor);
    // ACT
    const next = await list(bearer(...a.map((g) => g.editToken)), `?limit=1&cursor=${cursor}`);
    const withoutTokens = await list({}, `?cursor=${cursor}`);
    const otherOwner = await list(bearer(b.editToken), `?cursor=${cursor}`);
    // ASSERT
    expect(first.names).toEqual(['a-2']);
    expect(next.names).toEqual(['a-1']);
    expect(withoutTokens.status).toBe(400);
    expect(otherOwner.status).toBe(400);
    // Not the creation sequence number (how many graphs the server holds), as cursors once were.
    expect(Buffer.from(cursor, 'base64url').toString()).not.toMatch(/^g\d+$/);
  });

  it('refuses a malformed header (401) and more tokens than the limit (400 naming it)', async () => {
    const basic = await list({ authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    expect(basic.body.error).toBe('unauthorized');
    const many = Array.from({ length: MAX_LIST_TOKENS + 1 }, (_, i) => `t${i}`.padEnd(32, 'x'));
    const tooMany = await list(bearer(...many));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: 'too_many_tokens' });
    expect(String(tooMany.body.message)).toContain(String(MAX_LIST_TOKENS));
    const atLimit = await list(bearer(...many.slice(1)));
    expect(atLimit).toMatchObject({ status: 200, names: [] });
  });
});

describe('claiming edit rights with a pasted edit token', () => {
  it('answers 200 to the right token (by id or slug), 403 to a wrong one, 401 to none, 404 to no graph', async () => {
    // ARRANGE
    const mine = await save('mine');
    const theirs = await save('theirs');
    const claim = (key: string, headers: Record<string, string> = {}) =>
      sendJson('POST', api(`/graphs/${key}/claim`), undefined, headers);
    // ACT
    const right = await claim(mine.slug, bearer(mine.editToken));
    const byId = await claim(mine.id, bearer(mine.editToken));
    const wrong = await claim(mine.slug, bearer(theirs.editToken));
    const none = await claim(mine.slug);
    const missing = await claim('nosuchgraph1', bearer(mine.editToken));
    // ASSERT
    expect(right).toMatchObject({ status: 200, body: { id: mine.id, slug: mine.slug, revision: 1 } });
    expect(byId.status).toBe(200);
    expect(wrong).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(none).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(missing.status).toBe(404);
    expect(JSON.stringify(right.body)).not.toContain(mine.editToken);
  });
});

describe('reading a fork does not lead to the graph it came from', () => {
  it('names the original only to the holder of the fork’s edit token', async () => {
    // ARRANGE: A shares with B; B forks and shares the fork with C.
    const original = await save('original');
    const fork = (await sendJson('POST', api(`/graphs/${original.slug}/fork`), {})).body as Saved;
    // ACT
    const asReader = await sendJson('GET', api(`/graphs/${fork.slug}`));
    const asOwner = await sendJson('GET', api(`/graphs/${fork.slug}`), undefined, bearer(fork.editToken));
    const asOriginalOwner = await sendJson(
      'GET',
      api(`/graphs/${fork.slug}`),
      undefined,
      bearer(original.editToken),
    );
    // ASSERT
    expect(asReader.body.forkedFrom).toBeNull();
    expect(JSON.stringify(asReader.body)).not.toContain(original.id);
    expect(asOwner.body.forkedFrom).toBe(original.id);
    expect(asOriginalOwner.body.forkedFrom).toBeNull();
  });
});
