import { AckPolicy } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { connectionsClosed, nodeConnections } from '../../test-helpers/nats-connz.js';
import { natsPerFile } from '../../test-helpers/nats-per-file.js';
import { startNats } from '../../test-helpers/nats-server.js';
import { until } from '../../test-helpers/until.js';
import type { Item } from '../node-behavior.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';

const fx = natsPerFile({ monitor: true });
const env = { natsAllow: ['loopback'] };

/** Starts `plan`, collecting what reaches sink `out` and the latest frame. */
function run(runId: string, plan: ReturnType<typeof planOf>) {
  const got: Item[] = [];
  let frame: TelemetryFrame | undefined;
  const r = startRun(plan, {
    runId,
    nodeEnv: env,
    probe: (id, items) => {
      if (id === 'out') got.push(...items);
    },
    onFrame: (f) => {
      frame = f;
    },
  });
  return { r, got, frame: () => frame };
}

const subscribed = (runId: string) =>
  until(
    () => nodeConnections(fx.nats, runId, 'in'),
    (c) => c.length === 1 && c[0]!.subscriptions >= 1,
    'the node to subscribe',
  );

describe('nats-in, core', () => {
  //   publisher ──▶ [nats] ──▶ in(core, t1.>) ──▶ out(counter)
  it('delivers every published message once, in order; malformed ones are counted, not delivered', async () => {
    // ARRANGE
    const plan = planOf(
      [
        ['in', 'nats-in', { url: fx.nats.url, subject: 't1.>', bufferSize: 5_000, maxBytes: 1_024 }],
        ['out', 'counter'],
      ],
      [['in', 'out']],
    );
    const { r, got } = run('core1', plan);
    await subscribed('core1');

    // ACT
    for (let i = 0; i < 1_000; i++) fx.nc.publish('t1.a', JSON.stringify({ n: i }));
    fx.nc.publish('t1.b', 'plain text');
    fx.nc.publish('t1.b', '[1,2]');
    fx.nc.publish('t1.bad', '{"__proto__":{"x":1}}');
    fx.nc.publish('t1.bad', 'x'.repeat(2_000));
    fx.nc.publish('t1.bad', new Uint8Array([0xff, 0xfe, 0x41]));
    fx.nc.publish('other', '{"n":-1}');
    await fx.nc.flush();
    await until(
      () => got.length,
      (n) => n >= 1_002,
      'the messages to arrive',
    );
    r.stop('drain');
    const result = await r.done;

    // ASSERT
    expect(result.status).toBe('completed');
    expect(got.slice(0, 1_000).map((i) => i.n)).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
    expect(typeof got[0]!.ts).toBe('number');
    expect(got[1_000]).toMatchObject({ value: 'plain text' });
    expect(got[1_001]).toMatchObject({ value: [1, 2] });
    expect(got).toHaveLength(1_002);
    expect(result.totals).toMatchObject({ emitted: 1_002, delivered: 1_002, errors: 3, rejected: 0 });
    await connectionsClosed(fx.nats, 'core1', 'in');
    expect(r.pendingWaits).toBe(0);
  });

  //   publisher (no backpressure) ──▶ in(core, buffer 8) ──(4)──▶ work(20 ms) ──▶ out
  it('is open loop: what finds the buffer full is rejected and counted, and the books balance', async () => {
    // ARRANGE
    const plan = planOf(
      [
        ['in', 'nats-in', { url: fx.nats.url, subject: 't2', bufferSize: 8 }],
        ['work', 'worker', { serviceTimeMs: 20 }],
        ['out', 'counter'],
      ],
      [
        ['in', 'work', { capacity: 4 }],
        ['work', 'out', { capacity: 4 }],
      ],
    );
    const { r, got } = run('core2', plan);
    await subscribed('core2');

    // ACT
    for (let i = 0; i < 300; i++) fx.nc.publish('t2', JSON.stringify({ n: i }));
    await fx.nc.flush();
    await until(
      () => r.totals(),
      (t) => t.emitted === 300,
      'every message to be taken in or rejected',
    );
    r.stop('drain');
    const result = await r.done;

    // ASSERT: bounded — at most buffer + queues + the worker's item got in; the rest was rejected.
    const t = result.totals;
    expect(t.rejected).toBeGreaterThan(0);
    expect(t.delivered).toBeLessThanOrEqual(8 + 4 + 1 + 4 + 20);
    expect(t.delivered + t.rejected + t.dropped).toBe(300);
    expect(got).toHaveLength(t.delivered);
    await connectionsClosed(fx.nats, 'core2', 'in');
  });
});

describe('nats-in, JetStream', () => {
  //   stream JOBS ──▶ in(jetstream, buffer 16) ──(8)──▶ work(5 ms) ──(8)──▶ out
  it('a slow graph leaves the messages in the stream (pending grows) and stays bounded; drain + a second run deliver each exactly once', async () => {
    // ARRANGE
    await fx.jsm.streams.add({ name: 'JOBS', subjects: ['jobs.>'] });
    const js = fx.jsm.jetstream();
    for (let i = 0; i < 1_000; i++) await js.publish('jobs.x', JSON.stringify({ n: i }));
    const plan = planOf(
      [
        [
          'in',
          'nats-in',
          { url: fx.nats.url, mode: 'jetstream', stream: 'JOBS', consumer: 'slow', bufferSize: 16 },
        ],
        ['work', 'worker', { serviceTimeMs: 5 }],
        ['out', 'counter'],
      ],
      [
        ['in', 'work', { capacity: 8 }],
        ['work', 'out', { capacity: 8 }],
      ],
    );
    const first = run('js1', plan);

    // ACT: while it works, more arrive than it can take.
    await until(
      () => first.got.length,
      (n) => n >= 20,
      'the first items',
    );
    const before = await fx.jsm.consumers.info('JOBS', 'slow');
    for (let i = 1_000; i < 1_500; i++) await js.publish('jobs.x', JSON.stringify({ n: i }));
    const after = await fx.jsm.consumers.info('JOBS', 'slow');
    const depths = first.frame()!.edges;
    first.r.stop('drain');
    const r1 = await first.r.done;

    // ASSERT: the stream holds the backlog; the node holds at most its buffer unacked.
    expect(before.num_pending).toBeGreaterThan(800);
    expect(after.num_pending).toBeGreaterThan(before.num_pending);
    expect(before.num_ack_pending).toBeLessThanOrEqual(16);
    expect(after.num_ack_pending).toBeLessThanOrEqual(16);
    for (const e of Object.values(depths)) expect(e.depth).toBeLessThanOrEqual(8);
    expect(r1.status).toBe('completed');
    await connectionsClosed(fx.nats, 'js1', 'in');

    // ACT: a second run on the same consumer takes the rest.
    const second = run(
      'js2',
      planOf(
        [
          ['in', 'nats-in', { url: fx.nats.url, mode: 'jetstream', stream: 'JOBS', consumer: 'slow' }],
          ['out', 'counter'],
        ],
        [['in', 'out']],
      ),
    );
    await until(
      () => first.got.length + second.got.length,
      (n) => n >= 1_500,
      'the rest',
    );
    second.r.stop('drain');
    await second.r.done;

    // ASSERT: every message once over both runs (acked once handed on; none acked twice or lost).
    const ns = [...first.got, ...second.got].map((i) => i.n as number).sort((a, b) => a - b);
    expect(ns).toEqual(Array.from({ length: 1_500 }, (_, i) => i));
    const end = await fx.jsm.consumers.info('JOBS', 'slow');
    expect(end.num_pending + end.num_ack_pending).toBe(0);
  });

  it('uses an existing durable consumer, terminates malformed messages (counted), and a missing stream fails the run with a clear message', async () => {
    await fx.jsm.streams.add({ name: 'PRE', subjects: ['pre.>'] });
    await fx.jsm.consumers.add('PRE', { durable_name: 'mine', ack_policy: AckPolicy.Explicit });
    await fx.jsm.jetstream().publish('pre.a', '{"constructor":{"prototype":1}}');
    await fx.jsm.jetstream().publish('pre.a', '{"ok":true}');
    const ok = run(
      'js3',
      planOf(
        [
          ['in', 'nats-in', { url: fx.nats.url, mode: 'jetstream', stream: 'PRE', consumer: 'mine' }],
          ['out', 'counter'],
        ],
        [['in', 'out']],
      ),
    );
    await until(
      () => ok.got.length,
      (n) => n === 1,
      'the message',
    );
    ok.r.stop('abort');
    const stopped = await ok.r.done;
    expect(stopped.status).toBe('stopped');
    expect(ok.got).toEqual([expect.objectContaining({ ok: true })]);
    // The malformed message was counted and terminated (never redelivered); the good one acked.
    expect(stopped.totals.errors).toBe(1);
    const info = await fx.jsm.consumers.info('PRE', 'mine');
    expect(info.num_pending + info.num_ack_pending).toBe(0);
    await connectionsClosed(fx.nats, 'js3', 'in');

    const bad = run(
      'js4',
      planOf(
        [
          ['in', 'nats-in', { url: fx.nats.url, mode: 'jetstream', stream: 'NOPE', consumer: 'c' }],
          ['out', 'counter'],
        ],
        [['in', 'out']],
      ),
    );
    const result = await bad.r.done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/^in: .*no stream "NOPE"/);
    await connectionsClosed(fx.nats, 'js4', 'in');
  });
});

describe('nats-in, connections', () => {
  it('a server that is not there fails the run naming the node and URL, and the process goes on', async () => {
    const r = startRun(
      planOf(
        [
          ['in', 'nats-in', { url: 'nats://127.0.0.1:1' }],
          ['out', 'counter'],
        ],
        [['in', 'out']],
      ),
      { runId: 'nobody', nodeEnv: env },
    );
    const result = await r.done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/^in: cannot connect to nats:\/\/127\.0\.0\.1:1/);
  });

  it('a server that goes away mid-run fails the run saying so', async () => {
    const gone = await startNats({ monitor: true });
    try {
      const r = startRun(
        planOf(
          [
            ['in', 'nats-in', { url: gone.url, subject: 'x' }],
            ['out', 'counter'],
          ],
          [['in', 'out']],
        ),
        { runId: 'gone', nodeEnv: env },
      );
      await until(
        () => nodeConnections(gone, 'gone', 'in'),
        (c) => c.length === 1 && c[0]!.subscriptions >= 1,
        'the node to subscribe',
      );
      await gone.stop();
      const result = await r.done;
      expect(result.status).toBe('failed');
      expect(result.error?.message).toMatch(/^in: lost the connection to nats:\/\/127\.0\.0\.1:\d+/);
      expect(r.pendingWaits).toBe(0);
    } finally {
      await gone.stop();
    }
  });

  it('a host name resolving to an address the allow-list lacks is refused when connecting', async () => {
    const r = startRun(
      planOf(
        [
          ['in', 'nats-in', { url: `nats://localhost:${fx.nats.port}` }],
          ['out', 'counter'],
        ],
        [['in', 'out']],
      ),
      { runId: 'dns', nodeEnv: { natsAllow: ['10.0.0.0/8'] } },
    );
    const result = await r.done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/localhost resolves to .*, which SLUICE_NATS_ALLOW does not allow/);
  });
});
