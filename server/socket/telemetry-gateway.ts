import type { Server, Socket } from 'socket.io';
import { sinkCreditPayloadSchema, subscribePayloadSchema } from '../../shared/protocol/api.js';
import type {
  ClientToServerEvents,
  RunStatusMessage,
  ServerToClientEvents,
} from '../../shared/protocol/socket-events.js';
import { isFinished, type TelemetryFrame } from '../../shared/protocol/telemetry.js';
import type { Limits } from '../config.js';
import { HttpError } from '../http/api-error.js';
import type { GatewayCounters } from '../metrics/app-metrics.js';
import type { RunManager } from '../runs/run-manager.js';
import type { RunHandle } from '../runtime/run-handle.js';
import { RunPendingBytes } from './run-pending-bytes.js';
import {
  bufferedPackets,
  dropSocket,
  HARD_BUFFERED_PACKETS,
  MAX_BUFFERED_PACKETS,
} from './socket-pressure.js';
import { StreamOutbox } from './stream-outbox.js';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const room = (runId: string) => `run:${runId}`;

export interface GatewayOptions {
  limits: Pick<Limits, 'maxSubscribersPerRun' | 'maxSocketStallMs'>;
  counters?: GatewayCounters;
  now?: () => number;
}

/**
 * Relays run frames and status, browser-sink items and log lines to subscribed sockets, never
 * queueing unboundedly for a slow one. Frames are latest-state: a socket that is not reading
 * skips stale ones. Items and log lines are not: they are coalesced per socket in a bounded
 * outbox (`StreamOutbox`) and, past its bound, dropped for that socket only and counted in its
 * next message as `skipped`. Credits bound the item stream at the source; the outbox bounds it
 * per socket.
 */
export function attachTelemetryGateway(io: IoServer, runs: RunManager, options: GatewayOptions): void {
  const { limits, counters } = options;
  const now = options.now ?? Date.now;
  /** When each socket first had a frame skipped in its current stall. */
  const stalledSince = new WeakMap<IoSocket, number>();

  const outboxes = new WeakMap<IoSocket, StreamOutbox>();
  const runBytes = new RunPendingBytes();
  const outboxOf = (socket: IoSocket) => {
    let box = outboxes.get(socket);
    if (!box) {
      box = new StreamOutbox(socket, runBytes);
      outboxes.set(socket, box);
      const owned = box;
      socket.once('disconnect', () => owned.dispose());
    }
    return box;
  };

  // Who watches each run, for the orphan grace: the run's room is its subscribers. The adapter
  // reports every join and leave (unsubscribe and disconnect alike) with the room already updated.
  const adapter = io.sockets.adapter;
  const watchersChanged = (roomName: string) => {
    if (roomName.startsWith('run:'))
      runs.setWatchers(roomName.slice('run:'.length), adapter.rooms.get(roomName)?.size ?? 0);
  };
  adapter.on('join-room', watchersChanged);
  adapter.on('leave-room', watchersChanged);

  runs.on('frame', (frame) => relayFrame(frame));
  runs.on('sink:items', (runId, nodeId, items) => {
    for (const socket of membersOf(runId)) outboxOf(socket).offer('sink:items', runId, nodeId, items);
  });
  runs.on('run:log', (runId, nodeId, lines, sampledOut) => {
    for (const socket of membersOf(runId))
      outboxOf(socket).offer('run:log', runId, nodeId, lines, sampledOut);
  });
  // Hops are small and come at most every 50 ms per run; a socket not reading skips them (it can
  // read the whole trace from GET /api/runs/:id/traces/:traceId) rather than have them queue.
  runs.on('trace', (message) => {
    for (const socket of membersOf(message.runId)) {
      if (bufferedPackets(socket) > MAX_BUFFERED_PACKETS) {
        counters?.framesSkipped.inc();
        continue;
      }
      socket.emit('run:trace', message);
    }
  });
  // Taps are bounded at the source (20 items/s, 4 per run); a socket not reading skips them like hops.
  runs.on('tap', (message) => {
    for (const socket of membersOf(message.runId)) {
      if (bufferedPackets(socket) > MAX_BUFFERED_PACKETS) {
        counters?.framesSkipped.inc();
        continue;
      }
      socket.emit('run:tap', message);
    }
  });
  runs.on('status', (runId, status, error, reason) => {
    const message: RunStatusMessage = { runId, status };
    if (error) message.error = error;
    if (reason !== undefined) message.reason = reason;
    io.to(room(runId)).emit('run:status', message);
  });

  function* membersOf(runId: string): Generator<IoSocket> {
    const members = io.sockets.adapter.rooms.get(room(runId));
    if (!members) return;
    for (const id of [...members]) {
      const socket = io.sockets.sockets.get(id);
      if (socket) yield socket;
    }
  }

  function relayFrame(frame: TelemetryFrame): void {
    const t = now();
    const skipped: string[] = [];
    let ready = 0;
    for (const socket of membersOf(frame.runId)) {
      const buffered = bufferedPackets(socket);
      if (buffered > MAX_BUFFERED_PACKETS) {
        // Not reading: keep its old frames unsent; it gets the newest one once it drains —
        // unless it stays stalled so long that it is better dropped (it can reconnect).
        counters?.framesSkipped.inc();
        const since = stalledSince.get(socket) ?? t;
        stalledSince.set(socket, since);
        if (buffered > HARD_BUFFERED_PACKETS || t - since > limits.maxSocketStallMs) {
          counters?.stalledDisconnects.inc();
          dropSocket(socket);
        }
        skipped.push(socket.id);
        continue;
      }
      stalledSince.delete(socket);
      ready++;
    }
    if (ready === 0) return;
    // One broadcast to the run's room, minus the stalled: socket.io encodes a broadcast once for
    // every receiver, where one emit per socket encoded the frame once per subscriber.
    const target = io.to(room(frame.runId));
    (skipped.length > 0 ? target.except(skipped) : target).emit('run:telemetry', frame);
    counters?.framesSent.inc(ready);
  }

  io.on('connection', (socket: IoSocket) => {
    counters?.connections.inc();
    socket.once('disconnect', () => counters?.connections.dec());

    /** A client that sends requests but never reads their acks is dropped, not buffered for. */
    const overloaded = () => {
      if (bufferedPackets(socket) <= HARD_BUFFERED_PACKETS) return false;
      counters?.stalledDisconnects.inc();
      dropSocket(socket);
      return true;
    };

    socket.on('run:subscribe', async (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (overloaded()) return;
      const parsed = subscribePayloadSchema.safeParse(payload);
      if (!parsed.success)
        return reply({ ok: false, error: 'invalid_request', message: 'expected { runId, token }' });
      // Watching needs the run token or the watch token (404, then 401/403, as on REST).
      let run: RunHandle;
      try {
        run = runs.authorize(parsed.data.runId, parsed.data.token, 'read').run;
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        return reply({ ok: false, error: err.code, message: err.message });
      }
      const r = room(run.runId);
      const members = io.sockets.adapter.rooms.get(r);
      if (!members?.has(socket.id) && (members?.size ?? 0) >= limits.maxSubscribersPerRun) {
        return reply({
          ok: false,
          error: 'too_many_subscribers',
          message: `at most ${limits.maxSubscribersPerRun} subscribers per run (limit maxSubscribersPerRun, SLUICE_MAX_SUBSCRIBERS)`,
        });
      }
      await socket.join(r);
      const reason = isFinished(run.status) ? runs.stopReason(run.runId) : undefined;
      reply({
        ok: true,
        status: run.status,
        frame: run.latestFrame(),
        ...(run.error ? { error: run.error } : {}),
        ...(reason !== undefined ? { reason } : {}),
      });
    });

    socket.on('sink:credit', (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (overloaded()) return;
      const parsed = sinkCreditPayloadSchema.safeParse(payload);
      if (!parsed.success) {
        return reply({
          ok: false,
          error: 'invalid_request',
          message: 'expected { runId, nodeId, n, token } with n an integer from 1 to 10000',
        });
      }
      const { runId, nodeId, n, token } = parsed.data;
      // Opening the tap is control: the run token only, never a watch token.
      try {
        runs.authorize(runId, token, 'control');
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        return reply({ ok: false, error: err.code, message: err.message });
      }
      // Only a subscriber may open the tap: the items go to the run's room.
      if (!socket.rooms.has(room(runId)))
        return reply({ ok: false, error: 'not_subscribed', message: `subscribe to run "${runId}" first` });
      try {
        runs.grantCredit(runId, nodeId, n);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        return reply({ ok: false, error: err.code, message: err.message });
      }
      reply({ ok: true });
    });

    socket.on('run:unsubscribe', async (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (overloaded()) return;
      const parsed = subscribePayloadSchema.safeParse(payload);
      if (!parsed.success)
        return reply({ ok: false, error: 'invalid_request', message: 'expected { runId }' });
      await socket.leave(room(parsed.data.runId));
      outboxes.get(socket)?.forgetRun(parsed.data.runId);
      reply({ ok: true });
    });
  });
}
