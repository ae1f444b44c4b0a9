import { describe, expect, it } from 'vitest';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { startRun } from '../runtime/start-run.js';
import { planOf } from '../runtime/test-graphs.js';
import { natsPerFile } from '../test-helpers/nats-per-file.js';
import { streamState } from './broker-streams.js';
import { linkedRuns } from './test-parts.js';

const fx = natsPerFile();

const N = 600;
const CAP = 20;
const source = { rate: null, count: N };
const consumer: Array<[string, string, Record<string, unknown>?]> = [
  ['work', 'worker', { serviceTimeMs: 1 }],
  ['out', 'counter'],
];
const meanBlocked = (frames: TelemetryFrame[]) =>
  frames.reduce((s, f) => s + f.edges.e1!.blockedRatio, 0) / Math.max(1, frames.length);

/** The graph on one memory edge: delivered, dropped, deepest queue, blocked share, ids seen. */
async function onMemory(overflow: Overflow) {
  const plan = planOf(
    [['src', 'generator', source], ...consumer],
    [
      ['src', 'work', { capacity: CAP, overflow }],
      ['work', 'out'],
    ],
  );
  const frames: TelemetryFrame[] = [];
  const seen: number[] = [];
  const run = startRun(plan, {
    runId: `mem-${overflow}`,
    telemetryHz: 50,
    onFrame: (f) => frames.push(f),
    probe: (id, items) => id === 'out' && seen.push(...items.map((i) => i.id as number)),
  });
  const r = await run.done;
  const maxDepth = Math.max(...frames.map((f) => f.edges.e1!.depth));
  return {
    delivered: r.totals.delivered,
    dropped: r.totals.dropped,
    maxDepth,
    blocked: meanBlocked(frames),
    seen,
  };
}

/** The same graph with e1 on NATS: the stream's depth is polled while it runs. */
async function onNats(overflow: Overflow) {
  const pair = await linkedRuns(fx.nc, fx.jsm, {
    runId: `nats-${overflow}`,
    source,
    edge: { capacity: CAP, overflow },
    consumer,
  });
  const frames: TelemetryFrame[] = [];
  // The producer's frames: its e1 is the staging queue the source blocks on.
  const sample = setInterval(() => {
    const f = pair.producer.latestFrame();
    if (f && frames.at(-1) !== f) frames.push(f);
  }, 20);
  let maxDepth = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      maxDepth = Math.max(maxDepth, (await streamState(fx.jsm, pair.names)).messages);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const [, c] = await Promise.all([pair.producer.done, pair.consumer.done]);
  polling = false;
  clearInterval(sample);
  await poll;
  const state = await streamState(fx.jsm, pair.names);
  return {
    delivered: c.totals.delivered,
    producer: pair.producer.brokerCounters().e1!,
    maxDepth,
    lastSeq: state.lastSeq,
    blocked: meanBlocked(frames),
    seen: pair.seen.map((i) => i.id as number),
  };
}

describe('each overflow policy on a nats edge matches the memory edge', () => {
  it('block: nothing lost, depth never above capacity, the source held back on both', async () => {
    const mem = await onMemory('block');
    const br = await onNats('block');
    expect(mem).toMatchObject({ delivered: N, dropped: 0 });
    expect(br).toMatchObject({ delivered: N, producer: { published: N, rejected: 0 } });
    expect(mem.maxDepth).toBeLessThanOrEqual(CAP);
    expect(br.maxDepth).toBeLessThanOrEqual(CAP);
    expect(br.maxDepth).toBeGreaterThan(CAP / 2); // it did fill
    // An unlimited source into a 1 ms/item stage spends most of its time blocked, on either edge.
    expect(mem.blocked).toBeGreaterThan(0.5);
    expect(br.blocked).toBeGreaterThan(0.5);
    expect(br.producer.blockedMs).toBeGreaterThan(0);
    // One producer, one consumer: items leave in the order they entered, as on the memory edge,
    // though the stream refused the producer again and again at its limit.
    expect(mem.seen).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(br.seen).toEqual(mem.seen);
  });

  it('drop-newest: the refused are counted, delivered + dropped = emitted, the first items get through', async () => {
    const mem = await onMemory('drop-newest');
    const br = await onNats('drop-newest');
    expect(mem.dropped).toBeGreaterThan(0);
    expect(mem.delivered + mem.dropped).toBe(N);
    expect(br.producer.rejected).toBeGreaterThan(0);
    expect(br.delivered + br.producer.rejected).toBe(N);
    expect(br.producer.published).toBe(br.delivered);
    expect(br.maxDepth).toBeLessThanOrEqual(CAP);
    expect(br.seen[0]).toBe(0);
    expect(mem.seen[0]).toBe(0);
  });

  it('drop-oldest: the stream evicts, the newest item gets through, depth never above capacity', async () => {
    const mem = await onMemory('drop-oldest');
    const br = await onNats('drop-oldest');
    expect(mem.dropped).toBeGreaterThan(0);
    expect(mem.seen.at(-1)).toBe(N - 1);
    expect(br.producer).toMatchObject({ published: N, rejected: 0 });
    expect(br.lastSeq).toBe(N);
    expect(br.delivered).toBeLessThan(N); // evicted = published − delivered
    expect(br.seen.at(-1)).toBe(N - 1);
    expect(br.maxDepth).toBeLessThanOrEqual(CAP);
  });
});
