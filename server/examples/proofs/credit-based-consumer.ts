import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { AutoCredit } from '../../../shared/protocol/auto-credit.js';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { sendJson, startTestApp } from '../../test-helpers/start-app.js';
import { expectNear, type Measured, round, Span } from '../lesson-harness.js';
import { expectLittle } from '../little.js';

//   source (200/s) ──[queue: 64]──▶ worker (2 ms) ──[to-view: 16]──▶ view (browser: credits from the UI)
//
// Credits come from outside the run, so this lesson runs the way a user runs it: through the app,
// in a run worker thread, with credits and telemetry over socket.io.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function proveCreditBasedConsumer(example: Example): Promise<Measured> {
  const app = await startTestApp();
  try {
    const started = await sendJson('POST', `${app.url}/api/runs`, { graph: example.graph });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const runId = started.body.runId as string;
    const token = started.body.runToken as string;
    const socket = await app.connect();
    const frames: TelemetryFrame[] = [];
    const ids: number[] = [];
    let granted = 0;
    // The client's own auto mode (client/src/stores/sink-store.ts), on while `auto` is set.
    let auto: AutoCredit | undefined;
    socket.on('run:telemetry', (f) => frames.push(f));
    socket.on('sink:items', (m) => {
      for (const item of m.items) ids.push((item as { id: number }).id);
      const more = auto?.arrived(m.items.length, granted - ids.length, Date.now()) ?? 0;
      if (more > 0) void grant(more);
    });
    expect(await socket.emitWithAck('run:subscribe', { runId, token })).toMatchObject({ ok: true });
    const grant = async (n: number) => {
      granted += n;
      expect(await socket.emitWithAck('sink:credit', { runId, nodeId: 'view', n, token })).toEqual({
        ok: true,
      });
    };
    const watch = async (ms: number) => {
      const from = frames.length;
      await sleep(ms);
      return new Span(frames[from - 1] ?? frames[0]!, frames.slice(Math.max(from, 1)));
    };
    const view = () => frames.at(-1)!.nodes.view!.processed;

    // Step 1: no credit, no flow: both queues fill and the source stands still. (A run's worker
    // thread takes a moment to start, so wait for the queues rather than for a fixed time.)
    for (const deadline = Date.now() + 10_000; ; await sleep(50)) {
      const f = frames.at(-1);
      if (f && f.edges['to-view']!.depth === 16 && f.edges.queue!.depth >= 60) break;
      if (Date.now() > deadline) throw new Error(`the queues never filled: ${JSON.stringify(f?.edges)}`);
    }
    const stalled = await watch(400);
    const last = stalled.last;
    expect(ids, 'items before any credit').toEqual([]);
    expect(view()).toBe(0);
    expect(last.edges['to-view']!.depth, 'view’s input queue').toBe(16);
    expect(last.edges.queue!.depth, 'worker’s input queue').toBeGreaterThanOrEqual(60);
    expect(last.nodes.source!.backpressured, 'source backpressured').toBeGreaterThan(0.9);
    expect(last.nodes.worker!.backpressured, 'worker backpressured').toBeGreaterThan(0.9);
    const filledInMs = last.t;

    // Step 2: 100 credits, exactly 100 items, in order; then it waits again.
    await grant(100);
    await watch(600);
    expect(ids, 'items after 100 credits').toEqual(Array.from({ length: 100 }, (_, i) => i));
    const refilled = await watch(400);
    expect(ids.length, 'no item beyond the credits').toBe(100);
    expect(refilled.last.edges['to-view']!.depth, 'view’s queue full again').toBe(16);

    // Step 3: auto keeps credits open, topping up as items arrive: items flow at the source's
    // rate, nobody waits. Its window starts at 50 and grows to a second of the rate.
    auto = new AutoCredit();
    await grant(auto.window);
    await watch(1500); // the backlog drains first
    const flowing = await watch(1200);
    for (const id of ['queue', 'to-view']) expectLittle(flowing.frames, id);
    const autoWindow = auto.window;
    const rate = flowing.rate('view');
    expectNear(rate, 200, 0.15, 'view receives the source rate');
    expectNear(flowing.rate('source'), 200, 0.15, 'source at its own rate');
    expect(
      flowing.nodeMean('source', (n) => n.backpressured),
      'source backpressured',
    ).toBeLessThan(0.1);

    // Step 4: auto off: the pipeline stops once the open credits (up to a second's worth) are
    // used, nothing lost.
    auto = undefined;
    await watch(1500);
    const paused = await watch(300);
    expect(paused.rate('view'), 'view rate after pausing').toBe(0);
    expect(paused.last.nodes.source!.backpressured, 'source backpressured again').toBeGreaterThan(0.9);
    expect(ids.length, 'used exactly the credits granted').toBe(granted);
    expect(ids, 'ids in order, none missing').toEqual(Array.from({ length: ids.length }, (_, i) => i));

    await sendJson(
      'POST',
      `${app.url}/api/runs/${runId}/stop`,
      { mode: 'abort' },
      { authorization: `Bearer ${token}` },
    );
    return {
      stalledAtRunMs: filledInMs,
      itemsAfter100Credits: 100,
      autoPerS: round(rate),
      autoWindow,
      creditsGranted: granted,
      itemsReceived: ids.length,
    };
  } finally {
    await app.close();
  }
}
