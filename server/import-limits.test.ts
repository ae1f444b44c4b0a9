import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sendJson,
  slowConsumerGraph,
  startRunOn,
  startTestApp,
  type TestApp,
} from './test-helpers/start-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    maxNodes: 3,
    maxEdges: 2,
    maxStringLength: 100,
    maxExpressionLength: 20,
    maxNestingDepth: 8,
    maxBodyBytes: 64 * 1024,
  });
});
afterAll(async () => {
  await app.close();
});

const saveGraph = (graph: unknown) => sendJson('POST', `${app.url}/api/graphs`, graph);
const withParams = (params: Record<string, unknown>) => {
  const g = structuredClone(slowConsumerGraph);
  g.nodes[1]!.params = params as never;
  return g;
};

describe('untrusted imports are checked against limits, each error naming it', () => {
  it('refuses too many nodes or edges (also when run inline)', async () => {
    const g = structuredClone(slowConsumerGraph);
    g.nodes.push({ id: 'extra', kind: 'counter', position: { x: 0, y: 0 }, params: {} });
    for (const res of [await saveGraph(g), await sendJson('POST', `${app.url}/api/runs`, { graph: g })]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: 'limit_exceeded',
        message: expect.stringContaining('maxNodes'),
      });
      expect(res.body.message).toContain('SLUICE_MAX_NODES');
    }
    const e = structuredClone(slowConsumerGraph);
    e.edges.push({ ...e.edges[0]!, id: 'e3' });
    expect((await saveGraph(e)).body.message).toContain('maxEdges');
  });

  it('refuses long strings and long expressions, locating the node and field', async () => {
    const long = await saveGraph(withParams({ note: 'x'.repeat(101) }));
    expect(long.status).toBe(400);
    expect(long.body.issues).toEqual([
      expect.objectContaining({
        path: 'nodes.1.params.note',
        nodeId: 'work',
        message: expect.stringContaining('maxStringLength'),
      }),
    ]);
    const withExpression = (expression: string) => {
      const g = withParams({ expression });
      g.nodes[1]!.kind = 'map'; // `expression` is declared an expression param by the map kind
      return g;
    };
    const expr = await saveGraph(withExpression('value * 2 + value * 3 + 1'));
    expect(expr.status).toBe(400);
    expect(expr.body.message).toContain('maxExpressionLength');
    expect(expr.body.issues).toEqual([
      expect.objectContaining({ path: 'nodes.1.params.expression', nodeId: 'work' }),
    ]);
    // The same text in a param that is not an expression is only held to the string limit.
    expect((await saveGraph(withParams({ expression: 'value * 2 + value * 3 + 1' }))).status).toBe(201);
    expect((await saveGraph(withExpression('value * 2'))).status).toBe(201);
  });

  it('refuses deep nesting without walking it recursively', async () => {
    // Built as text: even JSON.stringify would overflow the stack on this.
    const deep = `${'{"a":'.repeat(8_000)}1${'}'.repeat(8_000)}`;
    const body = JSON.stringify(withParams({ deep: 0 })).replace('"deep":0', `"deep":${deep}`);
    const res = await saveGraph(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('maxNestingDepth');
    expect(res.body.issues).toEqual([
      expect.objectContaining({ nodeId: 'work', path: expect.stringMatching(/^nodes\.1\.params\.deep\.a/) }),
    ]);
  });

  it('refuses poisoning keys at any depth and poisoning ids, leaving Object.prototype clean', async () => {
    const bodies = [
      '{"schemaVersion":1,"nodes":[],"__proto__":{"polluted":1}}',
      '{"schemaVersion":1,"nodes":[{"id":"a","kind":"counter","params":{"x":{"constructor":{"prototype":{"polluted":1}}}}}]}',
      '{"schemaVersion":1,"nodes":[{"id":"__proto__","kind":"counter"}]}',
    ];
    for (const body of bodies) {
      const res = await saveGraph(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_graph');
    }
    const run = await startRunOn(app.url, slowConsumerGraph);
    const patch = await sendJson(
      'PATCH',
      `${app.url}/api/runs/${run.runId}/params`,
      '{"nodes":{"__proto__":{"rate":1}}}',
      run.auth,
    );
    expect(patch.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('limits a gzip body by its inflated size, and accepts a small one', async () => {
    const post = (body: Buffer) =>
      fetch(`${app.url}/api/graphs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: body,
      });
    // ≈ 2 MB of JSON that gzips to a few KB: small on the wire, over the 64 KB limit once inflated.
    const bomb = gzipSync(JSON.stringify({ ...slowConsumerGraph, description: ' '.repeat(2 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(16 * 1024);
    const big = await post(bomb);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      error: 'too_large',
      message: expect.stringContaining('maxBodyBytes'),
    });
    const ok = await post(gzipSync(JSON.stringify(slowConsumerGraph)));
    expect(ok.status).toBe(201);
    const garbage = await post(Buffer.from('not gzip at all'));
    expect(garbage.status).toBe(400);
  });
});
