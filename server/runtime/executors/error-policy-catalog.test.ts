import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogEntries, getKind } from '../../../shared/catalog/catalog.js';
import { ERROR_POLICIES, type ErrorPolicy } from '../../../shared/catalog/define-kind.js';
import { compileGraph } from '../../../shared/compiler/compile.js';
import { startNats, type TestNats } from '../../test-helpers/nats-server.js';
import type { Item } from '../node-behavior.js';
import { type RunResult, startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { FakeClock } from '../test-helpers/fake-clock.js';

/*
 * Every kind either honours each error policy it declares, or declares none. For each kind that
 * declares them, a graph where every item fails at that node:
 *
 *   src(count 5) ──▶ under-test ──out──▶ ok          (when the kind has an `out`)
 *                              └─error─▶ letters     (when the policy sends there)
 */
const COUNT = 5;
const RETRY = { attempts: 3, baseMs: 1, maxMs: 2 };

let server: Server;
let failingUrl = '';
/** A real NATS server with no stream at all: every JetStream publish is refused (no responders). */
let nats: TestNats;
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(500).end('no'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  failingUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  nats = await startNats();
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await nats.stop();
});

/** How to make every item fail at each kind that can fail; real time only where the failure is real I/O. */
const FAILING: Record<string, { params: () => Record<string, unknown>; realTime?: boolean }> = {
  worker: { params: () => ({ serviceTimeMs: 1, failureRate: 1 }) },
  // Generator items have no `line` field.
  'parse-log': { params: () => ({}) },
  'http-post': { params: () => ({ url: failingUrl, concurrency: 1 }), realTime: true },
  'nats-out': {
    params: () => ({ url: nats.url, mode: 'jetstream', subject: 'no.stream', concurrency: 1 }),
    realTime: true,
  },
};

async function runFailing(kind: string, policy: ErrorPolicy, connectError: boolean) {
  const decl = getKind(kind)!;
  const hasOut = decl.outputs.includes('out');
  const letters: Item[] = [];
  const plan = planOf(
    [
      ['src', 'generator', { rate: null, count: COUNT }],
      ['node', kind, { ...FAILING[kind]!.params(), errorPolicy: policy, retry: RETRY }],
      ...(hasOut ? [['ok', 'counter'] as [string, string]] : []),
      ...(connectError ? [['letters', 'counter'] as [string, string]] : []),
    ],
    [
      ['src', 'node'],
      ...(hasOut ? [['node', 'ok'] as [string, string]] : []),
      ...(connectError ? [['node', 'letters', { sourcePort: 'error' }] as [string, string, object]] : []),
    ] as never,
  );
  const clock = FAILING[kind]!.realTime ? undefined : new FakeClock();
  const run = startRun(plan, {
    runId: `policy-${kind}-${policy}`,
    clock,
    telemetryHz: 0,
    probe: (nodeId, items) => {
      if (nodeId === 'letters') letters.push(...items);
    },
  });
  const result: RunResult = clock ? await clock.runUntil(run.done, 600_000) : await run.done;
  return { result, letters };
}

const failingKinds = catalogEntries().filter((e) => e.errorPolicies.length > 0);
const inertKinds = catalogEntries().filter((e) => e.errorPolicies.length === 0);

describe('error policies over the catalog', () => {
  it('kinds that declare error policies are the ones that can fail, and they declare all four', () => {
    expect(failingKinds.map((e) => e.kind).sort()).toEqual(Object.keys(FAILING).sort());
    for (const e of failingKinds) {
      expect(e.errorPolicies).toEqual([...ERROR_POLICIES]);
      const props = (e.params as { properties: Record<string, { enum?: string[] }> }).properties;
      expect(props.errorPolicy?.enum).toEqual([...ERROR_POLICIES]);
      expect(props.retry).toBeDefined();
    }
  });

  it.each(inertKinds.map((e) => e.kind))('%s cannot fail: it offers no errorPolicy or retry', (kind) => {
    const entry = inertKinds.find((e) => e.kind === kind)!;
    const props = (entry.params as { properties: Record<string, unknown> }).properties;
    expect(Object.keys(props)).not.toContain('errorPolicy');
    expect(Object.keys(props)).not.toContain('retry');
    expect(getKind(kind)!.params.safeParse({ errorPolicy: 'skip' }).success).toBe(false);
  });

  it('a document written when every kind listed errorPolicy still compiles, without it', () => {
    const r = compileGraph({
      schemaVersion: 1,
      name: 'old',
      nodes: [
        { id: 'src', kind: 'generator', params: { count: 1, errorPolicy: 'retry', retry: { attempts: 2 } } },
        { id: 'out', kind: 'counter', params: { errorPolicy: 'fail' } },
      ],
      edges: [{ id: 'e1', source: 'src', target: 'out' }],
    });
    expect(r.ok).toBe(true);
    if (r.ok) for (const n of r.plan.nodes) expect(Object.keys(n.params)).not.toContain('errorPolicy');
  });

  describe.each(Object.keys(FAILING))('%s', (kind) => {
    it('fail: the run fails, naming the node', async () => {
      const { result } = await runFailing(kind, 'fail', true);
      expect(result.status).toBe('failed');
      expect(result.error?.nodeId).toBe('node');
      expect(result.totals.errors).toBeGreaterThanOrEqual(1);
    });

    it('skip: every item is counted as an error and as skipped; nothing goes out of error', async () => {
      const { result, letters } = await runFailing(kind, 'skip', true);
      expect(result.status).toBe('completed');
      expect(letters).toEqual([]);
      expect(result.totals).toMatchObject({ errors: COUNT, skipped: COUNT, deadLettered: 0 });
    });

    it('dead-letter: each item goes out of error with the message, attempts and node', async () => {
      const { result, letters } = await runFailing(kind, 'dead-letter', true);
      expect(result.status).toBe('completed');
      expect(letters.map((l) => l.id).sort()).toEqual([0, 1, 2, 3, 4]);
      for (const l of letters) {
        expect(l.error).toMatchObject({ attempts: 1, nodeId: 'node' });
        expect((l.error as { message: string }).message.length).toBeGreaterThan(3);
      }
      expect(result.totals).toMatchObject({ errors: COUNT, deadLettered: COUNT, skipped: 0 });
    });

    it('retry: each item is tried retry.attempts times, then dead-lettered (error connected) or skipped', async () => {
      const sent = await runFailing(kind, 'retry', true);
      expect(sent.result.status).toBe('completed');
      expect(sent.letters).toHaveLength(COUNT);
      for (const l of sent.letters) expect(l.error).toMatchObject({ attempts: RETRY.attempts });
      expect(sent.result.totals).toMatchObject({ errors: COUNT, deadLettered: COUNT, skipped: 0 });

      const dropped = await runFailing(kind, 'retry', false);
      expect(dropped.result.status).toBe('completed');
      expect(dropped.result.totals).toMatchObject({ errors: COUNT, deadLettered: 0, skipped: COUNT });
    });
  });

  it('dead-letter with nothing on the error port does not compile: the issue names node and field', () => {
    const r = compileGraph({
      schemaVersion: 1,
      name: 'lost',
      nodes: [
        { id: 'src', kind: 'generator', params: {} },
        { id: 'work', kind: 'worker', params: { errorPolicy: 'dead-letter' } },
        { id: 'out', kind: 'counter', params: {} },
      ],
      edges: [
        { id: 'e1', source: 'src', target: 'work' },
        { id: 'e2', source: 'work', target: 'out' },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([
        expect.objectContaining({ nodeId: 'work', path: 'nodes.1.params.errorPolicy' }),
      ]);
  });
});
