import { DiscardPolicy } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { connectionsClosed } from '../../test-helpers/nats-connz.js';
import { natsPerFile } from '../../test-helpers/nats-per-file.js';
import { until } from '../../test-helpers/until.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';

const fx = natsPerFile({ monitor: true });
const env = { natsAllow: ['loopback'] };

function start(runId: string, plan: ReturnType<typeof planOf>) {
  let frame: TelemetryFrame | undefined;
  const console: string[] = [];
  const r = startRun(plan, {
    runId,
    nodeEnv: env,
    onFrame: (f) => {
      frame = f;
    },
    onNodeMessage: (_id, m) => {
      if (m.type === 'log') console.push(...m.lines);
    },
  });
  return { r, frame: () => frame, console };
}

describe('nats-out', () => {
  //   src(500 items, unlimited) ──(16, block)──▶ pub(jetstream, 4 in flight) ──▶ stream FULL (max 50, discard new)
  it('a full stream blocks the graph under block: the source waits, nothing is lost, and it flows again once there is room', async () => {
    // ARRANGE
    await fx.jsm.streams.add({ name: 'FULL', subjects: ['full'], max_msgs: 50, discard: DiscardPolicy.New });
    const { r, frame, console } = start(
      'out1',
      planOf(
        [
          ['src', 'generator', { rate: null, count: 500 }],
          ['pub', 'nats-out', { url: fx.nats.url, mode: 'jetstream', subject: 'full', concurrency: 4 }],
        ],
        [['src', 'pub', { capacity: 16, overflow: 'block' }]],
      ),
    );

    // ACT
    const blocked = await until(
      () => frame(),
      (f) => (f?.nodes.src?.backpressured ?? 0) >= 0.9 && (f?.nodes.pub?.backpressured ?? 0) >= 0.9,
      'the source to be held back by the full stream',
    );
    const stream = await fx.jsm.streams.info('FULL');

    // ASSERT: every item made is in the stream, in the queue, or in one of the 4 publishes waiting.
    expect(stream.state.messages).toBe(50);
    const t = blocked!.totals!;
    const queued = blocked!.edges.e1!.depth;
    expect(queued).toBe(16);
    expect(t.emitted - 50 - queued).toBeGreaterThanOrEqual(0);
    expect(t.emitted - 50 - queued).toBeLessThanOrEqual(4);
    expect(t.errors + t.dropped + t.rejected + (t.skipped ?? 0)).toBe(0);
    expect(r.status).toBe('running');
    expect(console[0]).toMatch(
      /^the stream for "full" refuses more \(.*maximum messages.*\): holding items and retrying/,
    );

    // ACT: room in the stream
    await fx.jsm.streams.update('FULL', { max_msgs: 1_000 });
    const result = await r.done;

    // ASSERT
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({ emitted: 500, delivered: 500, errors: 0 });
    expect((await fx.jsm.streams.info('FULL')).state.messages).toBe(500);
    await connectionsClosed(fx.nats, 'out1', 'pub');
  });

  //   src(300) ──▶ pub(core, "plain") ──▶ subscriber
  it('core mode publishes each item as JSON, in order', async () => {
    const seen: number[] = [];
    const sub = fx.nc.subscribe('plain', {
      callback: (_e, m) => void seen.push(m.json<{ id: number }>().id),
    });
    await fx.nc.flush();
    const { r } = start(
      'out2',
      planOf(
        [
          ['src', 'generator', { rate: null, count: 300 }],
          ['pub', 'nats-out', { url: fx.nats.url, subject: 'plain' }],
        ],
        [['src', 'pub']],
      ),
    );
    const result = await r.done;
    await until(
      () => seen.length,
      (n) => n >= 300,
      'the messages',
    );
    sub.unsubscribe();
    expect(result.totals).toMatchObject({ delivered: 300, errors: 0 });
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i));
    await connectionsClosed(fx.nats, 'out2', 'pub');
  });

  //   src(20) ──▶ pub(jetstream, subject with no stream, skip) ──▶ (nothing)
  it('a publish no stream takes is a failure under the error policy, not backpressure', async () => {
    const { r } = start(
      'out3',
      planOf(
        [
          ['src', 'generator', { rate: null, count: 20 }],
          [
            'pub',
            'nats-out',
            { url: fx.nats.url, mode: 'jetstream', subject: 'nowhere', timeoutMs: 500, errorPolicy: 'skip' },
          ],
        ],
        [['src', 'pub']],
      ),
    );
    const result = await r.done;
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({ emitted: 20, skipped: 20 });
    await connectionsClosed(fx.nats, 'out3', 'pub');
  });

  it('an unreachable server fails the run with a clear message (whatever the error policy)', async () => {
    const { r } = start(
      'out4',
      planOf(
        [
          ['src', 'generator', { rate: null, count: 5 }],
          ['pub', 'nats-out', { url: 'nats://127.0.0.1:1', errorPolicy: 'skip' }],
        ],
        [['src', 'pub']],
      ),
    );
    const result = await r.done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/^pub: cannot connect to nats:\/\/127\.0\.0\.1:1/);
  });
});
