import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realClock } from './runtime/clock.js';
import { graphOf } from './test-helpers/graph-of.js';
import {
  sendJson,
  slowConsumerGraph,
  startRunOn,
  startTestApp,
  type TestApp,
} from './test-helpers/start-app.js';

/**
 * Random bodies against every write route: only 2xx/4xx, always a JSON body, never a polluted
 * Object.prototype. Bodies are written as JSON *text* so `__proto__` really is a key on the wire
 * (building objects in JS would turn it into a prototype assignment before the request is sent).
 * Most bodies are near-valid — a valid request with fields replaced, dropped or poisoned at random
 * depths — so they get past body parsing into each route's own checks.
 */
const BODIES_PER_ROUTE = 1000;
const BATCH = 10;

type J = null | boolean | number | string | J[] | { entries: [string, J][] };

const POISON = ['__proto__', 'constructor', 'prototype'];
const KEYS = [...POISON, 'graph', 'graphId', 'revision', 'mode', 'nodes', 'edges', 'params', 'id', 'kind'];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 }));
const { json } = fc.letrec<{ json: J }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -1, 1e6, 1e300),
    ),
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('block', 'drop-oldest', 'abort', 'drain', 'worker'),
    ),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('json')), { maxLength: 5 }).map((entries) => ({ entries })),
  ),
}));

type Mutation = [at: number, kind: 'replace' | 'drop' | 'poison' | 'extra', value: J, key: string];
const mutation = fc.tuple(fc.nat(), fc.constantFrom('replace', 'drop', 'poison', 'extra'), json, key);

type Slot = { list: J[] } | { entries: [string, J][] };

/** Every object entry and array item of a document, as (container, index). */
function slots(doc: J, out: [Slot, number][] = []): [Slot, number][] {
  if (Array.isArray(doc)) {
    for (const [i, v] of doc.entries()) {
      out.push([{ list: doc }, i]);
      slots(v, out);
    }
  } else if (doc !== null && typeof doc === 'object') {
    for (const [i, [, v]] of doc.entries.entries()) {
      out.push([doc, i]);
      slots(v, out);
    }
  }
  return out;
}

/** A valid value with 0–3 mutations at random depths: replaced, dropped, or joined by a poison or random key. */
function near(t: unknown): fc.Arbitrary<J> {
  return fc.array(mutation, { maxLength: 3 }).map((mutations: Mutation[]) => {
    const doc = near0(t);
    for (const [at, kind, value, k] of mutations) {
      const all = slots(doc);
      if (all.length === 0) break;
      const [slot, i] = all[at % all.length]!;
      if ('list' in slot) {
        if (kind === 'drop') slot.list.splice(i, 1);
        else slot.list[i] = value;
      } else if (kind === 'drop') slot.entries.splice(i, 1);
      else if (kind === 'replace') slot.entries[i]![1] = value;
      else slot.entries.splice(i, 0, [kind === 'poison' ? POISON[at % POISON.length]! : k, value]);
    }
    return doc;
  });
}

/** The valid value itself, as J. */
function near0(t: unknown): J {
  if (Array.isArray(t)) return t.map(near0);
  if (t !== null && typeof t === 'object')
    return { entries: Object.entries(t).map(([k, v]) => [k, near0(v)]) };
  return t as J;
}

function text(v: J): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(text).join(',')}]`;
  return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${text(x)}`).join(',')}}`;
}

/** Slow enough that runs the fuzz happens to start (in this thread) do not steal its time. */
const quietGraph = structuredClone(slowConsumerGraph);
quietGraph.nodes[0]!.params = { rate: 5 };
quietGraph.nodes[1]!.params = {
  serviceTimeMs: 2,
  errorPolicy: 'retry',
  retry: { attempts: 2, baseMs: 1 },
} as never;

const bodies = (...templates: unknown[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...templates.map(near)).map(text) },
    { weight: 2, arbitrary: json.map(text) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }, // often not JSON at all
  );

/** Items for the ingest route: http-ingest hands them straight to a counter. */
const ingestItem = { id: 1, value: 2.5, key: 'k1', nested: { tags: ['a'] } };
const ingestGraph = graphOf(
  [
    ['in', 'http-ingest'],
    ['out', 'counter'],
  ],
  [['in', 'out']],
);

/** NDJSON: 1–4 near-valid items, one per line (or any text). */
const ndjsonBodies = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(near(ingestItem), { minLength: 1, maxLength: 4 }).map((l) => l.map(text).join('\n')),
  },
  { weight: 2, arbitrary: fc.array(json.map(text), { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

let app: TestApp;
let runId: string;
let ingestRunId: string;
let auth: Record<string, string>;
let ingestAuth: Record<string, string>;
let graph: { id: string; slug: string; editToken: string };
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  app = await startTestApp({ maxConcurrentRuns: 3 }, { clock: realClock });
  ({ runId, auth } = await startRunOn(app.url, quietGraph));
  ({ runId: ingestRunId, auth: ingestAuth } = await startRunOn(app.url, ingestGraph));
  graph = (await sendJson('POST', `${app.url}/api/graphs`, quietGraph)).body as typeof graph;
});
afterAll(async () => {
  await app.close(); // stops every run the fuzz started
});

type Target = { method: string; path: string; headers?: Record<string, string>; body: fc.Arbitrary<string> };
const routes: [string, () => Target][] = [
  ['POST /api/graphs', () => ({ method: 'POST', path: '/api/graphs', body: bodies(quietGraph) })],
  [
    'PUT /api/graphs/:id',
    () => ({
      method: 'PUT',
      path: `/api/graphs/${graph.id}`,
      headers: { authorization: `Bearer ${graph.editToken}` },
      body: bodies(quietGraph),
    }),
  ],
  [
    'POST /api/graphs/:id/fork',
    () => ({
      method: 'POST',
      path: `/api/graphs/${graph.slug}/fork`,
      body: bodies({ revision: 1, name: 'copy' }),
    }),
  ],
  [
    'POST /api/runs',
    () => ({
      method: 'POST',
      path: '/api/runs',
      body: bodies({ graph: quietGraph, telemetryHz: 10 }, { graphId: graph.id, revision: 1 }),
    }),
  ],
  [
    'PATCH /api/runs/:id/params',
    () => ({
      method: 'PATCH',
      path: `/api/runs/${runId}/params`,
      headers: auth,
      body: bodies({
        nodes: { work: { serviceTimeMs: 2, concurrency: 2, failureRate: 0 }, out: {}, ghost: {} },
        edges: { e1: { capacity: 8, overflow: 'drop-oldest' }, e2: { capacity: 64 }, e9: {} },
      }),
    }),
  ],
  [
    'POST /api/runs/:id/ingest/:nodeId (JSON)',
    () => ({
      method: 'POST',
      path: `/api/runs/${ingestRunId}/ingest/in`,
      headers: ingestAuth,
      body: bodies(ingestItem, [ingestItem, { id: 2, value: -1 }]),
    }),
  ],
  [
    'POST /api/runs/:id/ingest/:nodeId (NDJSON)',
    () => ({
      method: 'POST',
      path: `/api/runs/${ingestRunId}/ingest/in`,
      headers: { 'content-type': 'application/x-ndjson', ...ingestAuth },
      body: ndjsonBodies,
    }),
  ],
  // Last: a valid body stops the shared run, which the PATCH fuzz needs alive.
  [
    'POST /api/runs/:id/stop',
    () => ({
      method: 'POST',
      path: `/api/runs/${runId}/stop`,
      headers: auth,
      body: bodies({ mode: 'drain' }),
    }),
  ],
];

describe('fuzzing the write routes', () => {
  it.each(routes)(
    '%s answers only 2xx/4xx with JSON and leaves Object.prototype clean',
    async (_name, target) => {
      const { method, path, headers, body } = target();
      const statuses = new Map<number, number>();
      // Bodies go in batches sent at once: the server handles them interleaved, as it would in use.
      await fc.assert(
        fc.asyncProperty(fc.array(body, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          const answers = await Promise.all(
            batch.map(async (raw) => {
              const res = await fetch(`${app.url}${path}`, {
                method,
                headers: { 'content-type': 'application/json', ...headers },
                body: raw,
              });
              return { raw, status: res.status, payload: await res.text() };
            }),
          );
          for (const { raw, status, payload } of answers) {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            expect(status, `${raw} → ${payload}`).toBeLessThan(500);
            expect(() => JSON.parse(payload), payload).not.toThrow();
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: BODIES_PER_ROUTE / BATCH },
      );
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
      const counts = [...statuses.entries()];
      expect(counts.reduce((n, [, c]) => n + c, 0)).toBe(BODIES_PER_ROUTE);
      // Near-valid bodies must reach the routes: some succeed, and not everything is a 400.
      expect(counts.some(([s]) => s < 300)).toBe(true);
    },
  );

  it('the server still serves afterwards', async () => {
    expect((await sendJson('GET', `${app.url}/api/health`)).status).toBe(200);
    expect((await sendJson('GET', `${app.url}/api/runs/${runId}`, undefined, auth)).status).toBe(200);
    const ingested = (await sendJson('GET', `${app.url}/api/runs/${ingestRunId}`, undefined, ingestAuth))
      .body;
    expect(ingested).toMatchObject({ status: 'running', totals: { delivered: expect.any(Number) } });
    expect((ingested.totals as { delivered: number }).delivered).toBeGreaterThan(0);
  });
});
