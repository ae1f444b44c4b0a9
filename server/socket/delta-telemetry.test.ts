import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveRuns } from '../../client/src/api/live-runs.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/socket-events.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { DeltaFrames } from '../../shared/telemetry/frame-delta.js';
import { KEYFRAME_EVERY } from '../../shared/telemetry/keyframes.js';
import { FakeClock } from '../runtime/test-helpers/fake-clock.js';
import { tcpOf } from '../test-helpers/stall-socket.js';
import {
  type StartedRun,
  startRunOn,
  startTestApp,
  type TestApp,
  wideGraph,
} from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

// `run:subscribe { delta: true }` (docs/telemetry.md) against the real app on port 0 with real
// socket.io clients: one page subscribed the default way gets whole frames, one with the option
// rebuilds them from deltas (the page's own DeltaFrames); every frame both have must be the same.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let app: TestApp;
let clock: FakeClock;
const closers: Array<() => void> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await app?.close();
});

/** A busy chain, and a stuck one whose numbers stop changing once its queue is full. */
const graph = {
  schemaVersion: 1,
  name: 'delta',
  nodes: [
    { id: 'src', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 500 } },
    { id: 'work', kind: 'worker', position: { x: 250, y: 0 }, params: { serviceTimeMs: 3 } },
    { id: 'out', kind: 'counter', position: { x: 500, y: 0 }, params: {} },
    { id: 'g2', kind: 'generator', position: { x: 0, y: 200 }, params: { rate: 200 } },
    { id: 'stuck', kind: 'worker', position: { x: 250, y: 200 }, params: { serviceTimeMs: 60_000 } },
  ],
  edges: [
    {
      id: 'e1',
      source: 'src',
      sourcePort: 'out',
      target: 'work',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block',
    },
    {
      id: 'e2',
      source: 'work',
      sourcePort: 'out',
      target: 'out',
      targetPort: 'in',
      capacity: 64,
      overflow: 'block',
    },
    {
      id: 'e3',
      source: 'g2',
      sourcePort: 'out',
      target: 'stuck',
      targetPort: 'in',
      capacity: 8,
      overflow: 'block',
    },
  ],
};

/** Many generator → counter pairs: whole frames of ≈80 KB. */
const wide = wideGraph(200);

interface Page {
  socket: ClientSocket;
  /** Whole frames as received or rebuilt, by seq, as JSON. */
  frames: Map<number, string>;
  wholes: number;
  deltas: number;
  /** Bytes of what arrived (JSON of each payload). */
  bytes: number;
  subscribed: boolean;
}

function page(run: StartedRun, delta: boolean): Page {
  const socket: ClientSocket = connect(app.url, { transports: ['websocket'], forceNew: true });
  const p: Page = { socket, frames: new Map(), wholes: 0, deltas: 0, bytes: 0, subscribed: false };
  const rebuilt = new DeltaFrames();
  const keep = (frame: TelemetryFrame) => p.frames.set(frame.seq, JSON.stringify(frame));
  socket.on('run:telemetry', (frame) => {
    p.wholes++;
    p.bytes += JSON.stringify(frame).length;
    rebuilt.whole(frame);
    keep(frame);
  });
  socket.on('run:telemetry-delta', (d) => {
    p.deltas++;
    p.bytes += JSON.stringify(d).length;
    const frame = rebuilt.delta(d);
    if (frame) keep(frame);
  });
  const live = new LiveRuns(socket, {
    delta,
    tokenFor: () => run.watchToken,
    onReply: (_runId, reply) => {
      expect(reply.ok).toBe(true);
      if (reply.ok && reply.frame) {
        rebuilt.whole(reply.frame);
        keep(reply.frame);
      }
      p.subscribed = true;
    },
  });
  live.watch(run.runId);
  closers.push(() => live.close());
  return p;
}

async function ticks(n: number, done: () => boolean, what: string): Promise<void> {
  let left = n;
  await until(
    async () => {
      if (left-- > 0) await clock.advanceBy(100);
      return done();
    },
    (ok) => ok && left <= 0,
    what,
  );
}

async function setUp(doc: object = graph): Promise<StartedRun> {
  clock = new FakeClock();
  app = await startTestApp({}, { clock });
  return startRunOn(app.url, doc, { keepRunning: true });
}

/** A whole-frame page and a delta page on the same run, both subscribed. */
async function bothPages(run: StartedRun) {
  const full = page(run, false);
  const delta = page(run, true);
  await until(
    () => full.subscribed && delta.subscribed,
    (ok) => ok,
    'both subscriptions',
  );
  return { full, delta };
}

describe('delta telemetry (run:subscribe { delta: true })', () => {
  it('a delta subscriber rebuilds exactly the frames a full subscriber gets, in fewer bytes', async () => {
    const run = await setUp();
    const { full, delta } = await bothPages(run);
    const frames = 2 * KEYFRAME_EVERY + 20;
    await ticks(frames, () => full.frames.size >= frames && delta.frames.size >= frames, `${frames} frames`);

    expect(full.deltas).toBe(0);
    let same = 0;
    for (const [seq, json] of delta.frames) {
      const theirs = full.frames.get(seq);
      if (theirs === undefined) continue;
      expect(JSON.parse(json), `frame ${seq}`).toEqual(JSON.parse(theirs));
      same++;
    }
    expect(same).toBeGreaterThanOrEqual(frames);
    // Mostly deltas, a whole frame every KEYFRAME_EVERY; the stuck chain's entries stop being sent.
    expect(delta.deltas).toBeGreaterThan(delta.wholes * 10);
    expect(delta.wholes).toBeGreaterThanOrEqual(2);
    expect(delta.bytes).toBeLessThan(full.bytes * 0.8);
  });

  it('a delta subscriber that missed a frame (not reading) gets a whole frame next, and stays exact', {
    timeout: 120_000,
  }, async () => {
    const run = await setUp(wide);
    const { full, delta } = await bothPages(run);
    await ticks(10, () => delta.frames.size >= 10, 'frames before the stall');
    const wholesBefore = delta.wholes;
    const seqBefore = Math.max(...delta.frames.keys());

    // The page stops reading like a frozen tab: the server skips frames for it (latest-state).
    const tcp = tcpOf(delta.socket);
    tcp.pause();
    const serverSide = app.io.sockets.sockets.get(delta.socket.id ?? '')!;
    // Deltas are small: a few megabytes of log lines fill the paused socket's buffers sooner.
    for (let i = 0; i < 8; i++)
      serverSide.emit('run:log', {
        runId: run.runId,
        nodeId: 'x',
        lines: ['x'.repeat(1 << 20)],
        sampledOut: 0,
      });
    await until(
      async () => {
        await clock.advanceBy(100);
        return (serverSide.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
      },
      (n) => n > 4,
      'the server to hold frames back',
      90_000,
    );
    await clock.advanceBy(300);
    tcp.resume();
    const target = Math.max(...full.frames.keys()) + 10;
    await ticks(10, () => Math.max(...delta.frames.keys()) >= target, 'frames after the stall');

    // Frames were skipped for it, so it could not rebuild against them: a whole frame came.
    const seqs = [...delta.frames.keys()].sort((a, b) => a - b);
    expect(seqs.some((s, i) => i > 0 && s > seqBefore && s - seqs[i - 1]! > 1)).toBe(true);
    expect(delta.wholes).toBeGreaterThan(wholesBefore);
    for (const [seq, json] of delta.frames) {
      const theirs = full.frames.get(seq);
      if (theirs !== undefined) expect(JSON.parse(json), `frame ${seq}`).toEqual(JSON.parse(theirs));
    }
  });

  it('refuses a delta option that is not a boolean, naming it', async () => {
    const run = await setUp();
    const socket: ClientSocket = connect(app.url, { transports: ['websocket'], forceNew: true });
    closers.push(() => socket.disconnect());
    const reply = await new Promise((resolve) =>
      socket.emit('run:subscribe', { runId: run.runId, delta: 'yes' as unknown as boolean }, resolve),
    );
    expect(reply).toMatchObject({ ok: false, error: 'invalid_request' });
    expect((reply as { message: string }).message).toContain('delta');
  });
});
