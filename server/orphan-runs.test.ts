import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunInfo } from '../shared/protocol/api.js';
import { FakeClock } from './runtime/test-helpers/fake-clock.js';
import { graphOf } from './test-helpers/graph-of.js';
import {
  type StartedRun,
  sendJson,
  startRunOn,
  startTestApp,
  type TestApp,
} from './test-helpers/start-app.js';

// A run nobody watches any more is stopped a grace period (SLUICE_ORPHAN_GRACE_MS) after its last
// subscriber left, unless its owner asked it to keep running. The app runs on a fake clock, so
// "30 s later" is exact and instant; sockets and HTTP are real.

const GRACE_MS = 30_000;
const endless = graphOf(
  [
    ['src', 'generator', { rate: 10 }],
    ['out', 'counter'],
  ],
  [['src', 'out']],
);

let app: TestApp;
let clock: FakeClock;
afterEach(async () => {
  await app?.close();
});

async function setUp(): Promise<void> {
  clock = new FakeClock();
  app = await startTestApp({ orphanGraceMs: GRACE_MS }, { clock });
}

const statusOf = (run: StartedRun) => app.runs.get(run.runId)!.status;
const activeSeries = async () =>
  Number(/^sluice_runs_active (\d+)$/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1]);

async function watch(run: StartedRun) {
  const socket = await app.connect();
  expect(
    await socket.emitWithAck('run:subscribe', { runId: run.runId, token: run.watchToken }),
  ).toMatchObject({
    ok: true,
  });
  return socket;
}

describe('runs nobody watches', () => {
  it('stop a grace period after the last subscriber leaves, saying why', async () => {
    await setUp();
    const run = await startRunOn(app.url, endless);
    const first = await watch(run);
    const second = await watch(run);
    await clock.advanceBy(1000);
    expect(await activeSeries()).toBe(1);

    // One of two leaves: someone still watches, nothing is armed.
    second.disconnect();
    await clock.advanceBy(GRACE_MS * 2);
    expect(statusOf(run)).toBe('running');

    // The last one leaves: still running just before the grace ends, stopped at it.
    await first.emitWithAck('run:unsubscribe', { runId: run.runId });
    await clock.advanceBy(GRACE_MS - 100);
    expect(statusOf(run)).toBe('running');
    await clock.advanceBy(100);
    const result = await clock.runUntil(app.runs.get(run.runId)!.done, clock.now() + 5000);
    expect(result.status).toBe('stopped');
    const info = (await sendJson('GET', `${app.url}/api/runs/${run.runId}`, undefined, run.auth))
      .body as unknown as RunInfo;
    expect(info).toMatchObject({ status: 'stopped', reason: 'no one watching for 30 s' });
    await vi.waitFor(async () => expect(await activeSeries()).toBe(0));
  });

  it('a subscriber within the grace cancels the stop; leaving again starts a new grace', async () => {
    await setUp();
    const run = await startRunOn(app.url, endless);
    (await watch(run)).disconnect();
    await vi.waitFor(() => expect(app.io.sockets.adapter.rooms.get(`run:${run.runId}`)).toBeUndefined());
    await clock.advanceBy(GRACE_MS - 1000);
    const back = await watch(run);
    await clock.advanceBy(GRACE_MS * 3);
    expect(statusOf(run)).toBe('running');

    back.disconnect();
    await vi.waitFor(() => expect(app.io.sockets.adapter.rooms.get(`run:${run.runId}`)).toBeUndefined());
    await clock.advanceBy(GRACE_MS);
    expect((await clock.runUntil(app.runs.get(run.runId)!.done, clock.now() + 5000)).status).toBe('stopped');
  });

  it('keep running when asked to (POST or PATCH keepRunning), and when never watched at all', async () => {
    await setUp();
    const kept = await startRunOn(app.url, endless, { keepRunning: true });
    const script = await startRunOn(app.url, endless); // started by a script that never subscribes
    (await watch(kept)).disconnect();
    await vi.waitFor(() => expect(app.io.sockets.adapter.rooms.get(`run:${kept.runId}`)).toBeUndefined());
    await clock.advanceBy(GRACE_MS * 4);
    expect(statusOf(kept)).toBe('running');
    expect(statusOf(script)).toBe('running');
    expect(await activeSeries()).toBe(2);

    // The owner turns keepRunning off while no one watches: the grace starts then.
    const off = await sendJson(
      'PATCH',
      `${app.url}/api/runs/${kept.runId}`,
      { keepRunning: false },
      kept.auth,
    );
    expect(off).toMatchObject({ status: 200, body: { keepRunning: false, shareWatch: false } });
    await clock.advanceBy(GRACE_MS);
    expect((await clock.runUntil(app.runs.get(kept.runId)!.done, clock.now() + 5000)).status).toBe('stopped');
    expect(statusOf(script)).toBe('running');

    // And turning it on during a grace cancels that grace.
    const later = await startRunOn(app.url, endless);
    await (await watch(later)).emitWithAck('run:unsubscribe', { runId: later.runId });
    await clock.advanceBy(GRACE_MS / 2);
    await sendJson('PATCH', `${app.url}/api/runs/${later.runId}`, { keepRunning: true }, later.auth);
    await clock.advanceBy(GRACE_MS * 2);
    expect(statusOf(later)).toBe('running');
  });
});
