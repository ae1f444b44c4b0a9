import { jetstream } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { startRun } from '../runtime/start-run.js';
import { planOf } from '../runtime/test-graphs.js';
import { natsPerFile } from '../test-helpers/nats-per-file.js';
import { brokerNames, createEdgeStream, deleteRunStreams, streamState } from './broker-streams.js';
import { natsLinkEdge } from './nats-link.js';
import { linkedRuns } from './test-parts.js';

const fx = natsPerFile();

const ids = (items: Array<Record<string, unknown>>) => items.map((i) => i.id as number);

describe('a nats edge between two runs', () => {
  it('delivers every item of a finite source exactly once, acks them all, and the run ends', async () => {
    const N = 5000;
    const pair = await linkedRuns(fx.nc, fx.jsm, {
      runId: 'count',
      source: { rate: null, count: N },
      edge: { capacity: 100, overflow: 'block' },
      consumer: [['out', 'counter']],
    });
    const [p, c] = await Promise.all([pair.producer.done, pair.consumer.done]);
    expect(p.status).toBe('completed');
    expect(c.status).toBe('completed');
    expect(c.totals.delivered).toBe(N);
    expect(new Set(ids(pair.seen)).size).toBe(N);
    expect(pair.producer.brokerCounters().e1).toMatchObject({ published: N, rejected: 0 });
    expect(pair.consumer.brokerCounters().e1).toMatchObject({
      delivered: N,
      redelivered: 0,
      acked: N,
      malformed: 0,
    });
    expect((await streamState(fx.jsm, pair.names)).messages).toBe(0);
    // Nothing of the run is left behind.
    expect(await deleteRunStreams(fx.jsm, 'count')).toEqual([pair.names.stream]);
    const left: string[] = [];
    for await (const n of fx.jsm.streams.names()) left.push(n);
    expect(left).not.toContain(pair.names.stream);
  });

  it('both ends in one run (role both): the node reads from its own consume side', async () => {
    const plan = planOf(
      [
        ['src', 'generator', { rate: null, count: 1000 }],
        ['out', 'counter'],
      ],
      [['src', 'out', { capacity: 50 }]],
    );
    const names = brokerNames('both', 'e1');
    await createEdgeStream(fx.jsm, names, 50, 'block');
    const run = startRun(plan, {
      runId: 'both',
      brokerEdges: [{ ...names, edgeId: 'e1', capacity: 50, overflow: 'block', role: 'both', publishers: 1 }],
      linkEdge: natsLinkEdge(fx.nc),
      onEdgeClosed: (id) => run.upstreamClosed(id),
    });
    const r = await run.done;
    expect(r.totals).toMatchObject({ emitted: 1000, delivered: 1000 });
    expect(run.brokerCounters().e1).toMatchObject({ published: 1000, delivered: 1000, acked: 1000 });
  });

  it('a node that holds items in its state (batch) settles them as it absorbs them: all acked, the run ends', async () => {
    // 1000 items in groups of 300: the last 100 are held until the input ends, which needs the
    // stream empty — so a held item that was never settled (never acked) would hang the run.
    const pair = await linkedRuns(fx.nc, fx.jsm, {
      runId: 'held',
      source: { rate: null, count: 1000 },
      edge: { capacity: 100, overflow: 'block' },
      consumer: [
        ['group', 'batch', { size: 300, maxWaitMs: 600_000 }],
        ['out', 'counter'],
      ],
    });
    const c = await pair.consumer.done;
    expect(c.status).toBe('completed');
    expect(pair.seen.length).toBe(4); // 300, 300, 300 and the last 100 at the end
    expect(pair.consumer.brokerCounters().e1).toMatchObject({ delivered: 1000, acked: 1000 });
  });

  it('a message that is not a JSON object is counted as malformed and acked, never handed to the node', async () => {
    const pair = await linkedRuns(fx.nc, fx.jsm, {
      runId: 'junk',
      source: { rate: null, count: 10 },
      edge: { capacity: 100, overflow: 'block' },
      consumer: [['out', 'counter']],
    });
    const js = jetstream(fx.nc);
    await js.publish(pair.names.subject, 'not json');
    await js.publish(pair.names.subject, '[1,2]');
    const c = await pair.consumer.done;
    expect(c.totals.delivered).toBe(10);
    expect(pair.consumer.brokerCounters().e1).toMatchObject({ delivered: 12, malformed: 2, acked: 10 });
    expect((await streamState(fx.jsm, pair.names)).messages).toBe(0);
  });
});
