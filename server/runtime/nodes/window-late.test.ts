import { describe, expect, it } from 'vitest';
import type { Item } from '../node-behavior.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { FakeClock } from '../test-helpers/fake-clock.js';
import { appendTo } from '../test-helpers/node-context.js';

//   src(100/s, 1000 items) ──▶ skew(every 10th item 5 s older) ──▶ w(tumbling 1 s) ──▶ out
//                                                                 └─late─▶ (late, or nowhere)
//
// Once 5 s of event time have passed, every 10th item falls in a window already closed: late.
function lateGraph(lateSink: boolean) {
  return planOf(
    [
      ['src', 'generator', { rate: 100, count: 1_000 }],
      ['skew', 'map', { field: 'ts', expression: 'if id % 10 == 9 then ts - 5000 else ts' }],
      ['w', 'window', { sizeMs: 1_000 }],
      ['out', 'counter'],
      ...(lateSink ? [['late', 'counter'] as [string, string]] : []),
    ],
    [
      ['src', 'skew'],
      ['skew', 'w'],
      ['w', 'out'],
      ...(lateSink
        ? [['w', 'late', { sourcePort: 'late' }] as [string, string, Record<string, unknown>]]
        : []),
    ],
  );
}

async function runLate(lateSink: boolean) {
  const clock = new FakeClock();
  const got: Record<string, Item[]> = {};
  const probe = (nodeId: string, items: readonly Item[]) => appendTo(got, nodeId, items);
  const run = startRun(lateGraph(lateSink), { runId: 't', clock, probe, telemetryHz: 10 });
  const result = await clock.runUntil(run.done, 30_000);
  expect(result.status).toBe('completed');
  const inWindows = (got.out ?? []).reduce((n, w) => n + (w.count as number), 0);
  return { result, frame: run.latestFrame()!, inWindows, lateOut: got.late?.length ?? 0 };
}

describe('window: late items in the run, where the user sees losses', () => {
  it('with the late port leading nowhere they are dropped: the node’s dropped and late, the run’s dropped — not errors', async () => {
    const { result, frame, inWindows } = await runLate(false);
    const w = frame.nodes.w!;
    expect(w.late).toBeGreaterThan(30);
    expect(w.dropped).toBe(w.late);
    expect(w.errors).toBe(0);
    expect(result.totals.dropped).toBe(w.late);
    expect(result.totals.errors).toBe(0);
    expect(frame.totals).toEqual(result.totals);
    // Nothing vanished: every item is in a window or counted as dropped.
    expect(inWindows + w.late!).toBe(1_000);
  });

  it('with the late port connected they go out of it: counted as late, nothing dropped', async () => {
    const { result, frame, inWindows, lateOut } = await runLate(true);
    const w = frame.nodes.w!;
    expect(w.late).toBeGreaterThan(30);
    expect(lateOut).toBe(w.late);
    expect(w.dropped).toBe(0);
    expect(w.errors).toBe(0);
    expect(result.totals.dropped).toBe(0);
    expect(inWindows + lateOut).toBe(1_000);
  });
});
