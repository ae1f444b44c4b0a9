import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import type { Item } from '../node-behavior.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { FakeClock } from '../test-helpers/fake-clock.js';
import { appendTo } from '../test-helpers/node-context.js';
import { partitionOf } from './partition.js';

/** What each sink received, in order (the probe sees every batch a sink takes). */
function probeSinks() {
  const got: Record<string, Item[]> = {};
  return { got, probe: (nodeId: string, items: readonly Item[]) => appendTo(got, nodeId, items) };
}

describe('map and filter in a graph', () => {
  it('workload A in miniature: every item doubled, exactly the even ids delivered', async () => {
    //   src(count 10 000) ──▶ double(map value*2) ──▶ even(filter id%2==0) ──▶ out
    const { got, probe } = probeSinks();
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 10_000 }],
          ['double', 'map', { expression: 'value * 2', field: 'doubled' }],
          ['even', 'filter', { expression: 'id % 2 == 0' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'double'],
          ['double', 'even'],
          ['even', 'out'],
        ],
      ),
      { runId: 't', probe },
    ).done;
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({ emitted: 10_000, delivered: 5_000, errors: 0 });
    expect(got.out!.map((i) => i.id)).toEqual(Array.from({ length: 5_000 }, (_, i) => 2 * i));
    expect(got.out!.every((i) => i.doubled === (i.value as number) * 2)).toBe(true);
  });

  it('a filter sharing its batches (fan-out) leaves them whole for the other branch', async () => {
    //   src ──▶ double ─┬▶ even(filter id%3==0) ──▶ some
    //                   └▶ all
    const { got, probe } = probeSinks();
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 9_000 }],
          ['double', 'map', { expression: 'value * 2', field: 'doubled' }],
          ['even', 'filter', { expression: 'id % 3 == 0' }],
          ['some', 'counter'],
          ['all', 'counter'],
        ],
        [
          ['src', 'double'],
          ['double', 'even', { capacity: 1000 }],
          ['even', 'some'],
          ['double', 'all', { capacity: 1000 }],
        ],
      ),
      { runId: 't', probe },
    ).done;
    expect(result.status).toBe('completed');
    expect(got.some!.map((i) => i.id)).toEqual(Array.from({ length: 3_000 }, (_, i) => 3 * i));
    expect(got.all!.map((i) => i.id)).toEqual(Array.from({ length: 9_000 }, (_, i) => i));
  });
});

describe('partition and round-robin in a graph', () => {
  it('partition: each key always reaches the same sink, the one hash(key) mod n names', async () => {
    //   src(keys 10) ──▶ part(3) ─out0─▶ s0
    //                          ├─out1─▶ s1
    //                          └─out2─▶ s2
    const { got, probe } = probeSinks();
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 3_000, keys: 10 }],
          ['part', 'partition', { key: 'key', outputs: 3 }],
          ['s0', 'counter'],
          ['s1', 'counter'],
          ['s2', 'counter'],
        ],
        [
          ['src', 'part'],
          ['part', 's0', { sourcePort: 'out0' }],
          ['part', 's1', { sourcePort: 'out1' }],
          ['part', 's2', { sourcePort: 'out2' }],
        ],
      ),
      { runId: 't', probe },
    ).done;
    expect(result.totals.delivered).toBe(3_000);
    for (const [sink, items] of Object.entries(got)) {
      for (const item of items) expect(`s${partitionOf(item.key, 3)}`).toBe(sink);
    }
    expect(new Set(Object.values(got).flatMap((items) => items.map((i) => i.key))).size).toBe(10);
  });

  it('round-robin: exactly even shares, each in order', async () => {
    const { got, probe } = probeSinks();
    const frames: TelemetryFrame[] = [];
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 3_001 }],
          ['rr', 'round-robin', { outputs: 3 }],
          ['s0', 'counter'],
          ['s1', 'counter'],
          ['s2', 'counter'],
        ],
        [
          ['src', 'rr', { capacity: 5 }],
          ['rr', 's0', { sourcePort: 'out0', capacity: 3 }],
          ['rr', 's1', { sourcePort: 'out1', capacity: 3 }],
          ['rr', 's2', { sourcePort: 'out2', capacity: 3 }],
        ],
      ),
      { runId: 't', probe, onFrame: (f) => frames.push(f) },
    ).done;
    expect(result.status).toBe('completed');
    expect([got.s0!.length, got.s1!.length, got.s2!.length]).toEqual([1_001, 1_000, 1_000]);
    expect(got.s1!.map((i) => i.id)).toEqual(Array.from({ length: 1_000 }, (_, i) => 3 * i + 1));
    expect(frames.at(-1)!.nodes.rr!.processed).toBe(3_001);
  });
});

describe('batch in a graph', () => {
  it('by count: full batches, then the partial one when the input ends', async () => {
    const { got, probe } = probeSinks();
    await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 1_000 }],
          ['b', 'batch', { size: 64 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'b'],
          ['b', 'out'],
        ],
      ),
      { runId: 't', probe },
    ).done;
    expect(got.out!.map((x) => x.count)).toEqual([...Array(15).fill(64), 40]);
    expect(got.out!.flatMap((x) => (x.items as Item[]).map((i) => i.id))).toEqual([...Array(1_000).keys()]);
    expect(got.out![1]!.ts).toBe((got.out![1]!.items as Item[])[0]!.ts);
  });

  it('by time, on fake time: the executor wakes the batch at its deadline with no new input', async () => {
    //   src(10/s, 5 items: at 100 … 500 ms) ──▶ b(size 100, maxWaitMs 250) ──▶ out
    const clock = new FakeClock();
    const { got, probe } = probeSinks();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 10, count: 5 }],
          ['b', 'batch', { size: 100, maxWaitMs: 250 }],
          ['out', 'counter'],
        ],
        [
          ['src', 'b'],
          ['b', 'out'],
        ],
      ),
      { runId: 't', probe, clock },
    );
    await clock.runUntil(run.done, 10_000);
    // first batch: items at 100, 200, 300 (deadline 350); the second (400, 500) when input ends
    expect(got.out!.map((x) => (x.items as Item[]).map((i) => i.id))).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
  });
});

describe('window in a graph, on fake time', () => {
  it('tumbling 1 s over a steady 100 items/s: exact counts per second', async () => {
    //   src(100/s, 1000 items, ts = 10 ms … 10 000 ms after a whole second) ──▶ w(tumbling 1 s) ──▶ out
    const clock = new FakeClock();
    const { got, probe } = probeSinks();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 100, count: 1_000 }],
          ['w', 'window', { sizeMs: 1_000, field: 'id' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'w'],
          ['w', 'out'],
        ],
      ),
      { runId: 't', probe, clock },
    );
    const result = await clock.runUntil(run.done, 20_000);
    expect(result.status).toBe('completed');
    const start = clock.wallNow() - clock.now();
    expect(got.out!.map((x) => [(x.windowStart as number) - start, x.count])).toEqual([
      [0, 99],
      ...Array.from({ length: 9 }, (_, i) => [(i + 1) * 1_000, 100]),
      [10_000, 1],
    ]);
    // ids 99 … 198 fall in the second window: sum and p95 by hand
    expect(got.out![1]).toMatchObject({ min: 99, max: 198, sum: 14_850, avg: 148.5, p95: 193 });
  });
});

describe('parse-log in a graph', () => {
  //   src(key "k3" …: not a log line) ──▶ parse(field key) ─out───▶ ok
  //                                                       └─error─▶ dlq
  const graph = (errorPolicy: string) =>
    planOf(
      [
        ['src', 'generator', { rate: null, count: 100 }],
        ['parse', 'parse-log', { field: 'key', errorPolicy }],
        ['ok', 'counter'],
        ['dlq', 'counter'],
      ],
      [
        ['src', 'parse'],
        ['parse', 'ok'],
        ['parse', 'dlq', { sourcePort: 'error' }],
      ],
    );

  it('dead-letter: lines that do not parse leave by the error port, with what went wrong', async () => {
    const { got, probe } = probeSinks();
    const result = await startRun(graph('dead-letter'), { runId: 't', probe }).done;
    expect(result.status).toBe('completed');
    expect(got.ok).toBeUndefined();
    expect(got.dlq!.map((i) => i.id)).toEqual([...Array(100).keys()]);
    expect(Object.keys(got.dlq![0]!).sort()).toEqual(['error', 'id', 'key', 'ts', 'value']);
    expect(got.dlq![0]!.error).toEqual({
      message: 'cannot parse line "k0"',
      attempts: 1,
      nodeId: 'parse',
    });
  });

  it('fail: the run fails, naming the node and the line', async () => {
    const result = await startRun(graph('fail'), { runId: 't' }).done;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({
      nodeId: 'parse',
      message: expect.stringMatching(/cannot parse .* \(item 0\)$/),
    });
  });
});
