import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveRuns, type SubscribeReply } from '../../client/src/api/live-runs.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/socket-events.js';
import { FakeClock } from '../runtime/test-helpers/fake-clock.js';
import {
  type StartedRun,
  sendJson,
  slowConsumerGraph,
  startRunOn,
  startTestApp,
  type TestApp,
} from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

// The browser's live channel (client/src/api/live-runs.ts) against the real app: a real
// socket.io client, WebSocket only (what the page uses, so no sticky sessions behind a load
// balancer), and the server dropping it. The run executes on a fake clock: frames come when the
// test advances it, so "frames flow again" needs no sleeping.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let app: TestApp;
let clock: FakeClock;
let live: LiveRuns | null = null;
afterEach(async () => {
  live?.close();
  live = null;
  await app?.close();
});

interface Watcher {
  socket: ClientSocket;
  replies: { reply: SubscribeReply; resumed: boolean }[];
  frames: number[];
  connections: boolean[];
}

/** A page watching `run` with its watch token, as the editor's socket-client does. */
function watcher(run: StartedRun, serverCloseRetryMs?: number[]): Watcher {
  const socket: ClientSocket = connect(app.url, { transports: ['websocket'], forceNew: true });
  const w: Watcher = { socket, replies: [], frames: [], connections: [] };
  socket.on('run:telemetry', (frame) => w.frames.push(frame.seq));
  live = new LiveRuns(socket, {
    tokenFor: () => run.watchToken,
    onReply: (_runId, reply, resumed) => w.replies.push({ reply, resumed }),
    onConnection: (up) => w.connections.push(up),
    ...(serverCloseRetryMs ? { serverCloseRetryMs } : {}),
  });
  live.watch(run.runId);
  return w;
}

/** The server side of the watcher's socket. */
const serverSocketOf = (w: Watcher) => {
  const s = app.io.sockets.sockets.get(w.socket.id ?? '');
  if (!s) throw new Error('the watcher is not connected');
  return s;
};

/** Advances the run's clock a tick at a time until the watcher has `n` more frames. */
async function framesFlow(w: Watcher, n: number): Promise<void> {
  const from = w.frames.length;
  await until(
    async () => {
      await clock.advanceBy(100);
      return w.frames.length;
    },
    (count) => count >= from + n,
    `${n} frames after frame ${from}`,
  );
}

async function setUp(): Promise<StartedRun> {
  clock = new FakeClock();
  app = await startTestApp({}, { clock });
  return startRunOn(app.url, slowConsumerGraph, { keepRunning: true });
}

describe('a page watching a run when the server drops its socket', () => {
  it('reconnects by itself, subscribes again with its token, and frames flow again', async () => {
    const run = await setUp();
    const w = watcher(run);
    await until(
      () => w.replies.length,
      (n) => n === 1,
      'the first subscription',
    );
    expect(w.replies[0]).toMatchObject({ resumed: false, reply: { ok: true } });
    await framesFlow(w, 5);

    // The server says "disconnect" (an instance going away, a stalled socket dropped): socket.io
    // would stay down; the page asks again and resubscribes on the new socket.
    const firstId = w.socket.id;
    serverSocketOf(w).disconnect(true);
    await until(
      () => w.replies.length,
      (n) => n === 2,
      'the resubscription',
    );
    expect(w.socket.id).not.toBe(firstId);
    expect(w.replies[1]).toMatchObject({ resumed: true, reply: { ok: true, status: 'running' } });
    expect(w.connections).toEqual([true, false, true]);
    expect(app.io.sockets.adapter.rooms.get(`run:${run.runId}`)?.size).toBe(1);
    await framesFlow(w, 5);

    // The transport itself is cut (a load balancer or network): socket.io's own reconnect, then
    // the same resubscription.
    serverSocketOf(w).conn.close();
    await until(
      () => w.replies.length,
      (n) => n === 3,
      'the second resubscription',
    );
    expect(w.replies[2]).toMatchObject({ resumed: true, reply: { ok: true, status: 'running' } });
    await framesFlow(w, 5);
  });

  it('a run that ended while the page was away shows its end on reconnect', async () => {
    const run = await setUp();
    // Reconnect only when the test says: the run's end must happen while the page is away.
    const w = watcher(run, [3_600_000]);
    await until(
      () => w.replies.length,
      (n) => n === 1,
      'the first subscription',
    );
    await framesFlow(w, 2);

    serverSocketOf(w).disconnect(true);
    await until(
      () => w.socket.connected,
      (up) => !up,
      'the page to be disconnected',
    );
    const stop = await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
    expect(stop.status).toBe(202);
    await until(
      async () => {
        await clock.advanceBy(100);
        return app.runs.get(run.runId)?.status;
      },
      (s) => s === 'stopped',
      'the run to stop',
    );

    w.socket.connect();
    await until(
      () => w.replies.length,
      (n) => n === 2,
      'the resubscription',
    );
    expect(w.replies[1]).toMatchObject({ resumed: true, reply: { ok: true, status: 'stopped' } });
  });
});

describe('a subscription refused while the run’s instance does not answer', () => {
  it('is asked again until the run’s status comes (a dead coordinator’s run: failed), not left waiting', async () => {
    // The other instance's side of the protocol, as the cluster answers it (server/instances):
    // `coordinator_gone` while the coordinator's death is not yet known, then the registry's
    // `failed`. A plain socket.io server plays it, so the client's waiting is tested alone.
    const http = createServer();
    const io = new Server<ClientToServerEvents, ServerToClientEvents>(http);
    let asked = 0;
    io.on('connection', (s) =>
      s.on('run:subscribe', (_payload, ack) => {
        asked++;
        if (asked < 3) ack({ ok: false, error: 'coordinator_gone', message: 'did not answer' });
        else ack({ ok: true, status: 'failed', reason: 'the coordinator stopped', frame: null });
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    try {
      const socket: ClientSocket = connect(`http://127.0.0.1:${port}`, {
        transports: ['websocket'],
        forceNew: true,
      });
      const waiting: string[] = [];
      const replies: SubscribeReply[] = [];
      live = new LiveRuns(socket, {
        tokenFor: () => 'watch-token',
        onReply: (_runId, reply) => replies.push(reply),
        onWaiting: (_runId, message) => waiting.push(message),
        resubscribeRetryMs: 10,
      });
      live.watch('r1');
      await until(
        () => replies.length,
        (n) => n === 1,
        'the run’s status',
      );
      expect(waiting).toEqual(['did not answer', 'did not answer']);
      expect(replies[0]).toMatchObject({ ok: true, status: 'failed' });
      expect(asked).toBe(3);
    } finally {
      live?.close();
      live = null;
      io.close();
    }
  });
});
