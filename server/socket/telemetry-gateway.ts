import type { Server, Socket } from 'socket.io';
import { subscribePayloadSchema } from '../../shared/protocol/api.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/socket-events.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import type { Limits } from '../config.js';
import type { RunManager } from '../runs/run-manager.js';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Packets a socket may have waiting in its engine.io write buffer before we stop writing frames to
 * it. Frames are latest-state: a slow client skips stale frames and gets the newest one next tick,
 * so the server never queues telemetry for anybody.
 */
const MAX_BUFFERED_PACKETS = 4;

const room = (runId: string) => `run:${runId}`;

export function attachTelemetryGateway(io: IoServer, runs: RunManager, limits: Limits): void {
  runs.on('frame', (frame) => relayFrame(io, frame));
  runs.on('status', (runId, status, error) => {
    io.to(room(runId)).emit('run:status', error ? { runId, status, error } : { runId, status });
  });

  io.on('connection', (socket: IoSocket) => {
    socket.on('run:subscribe', async (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = subscribePayloadSchema.safeParse(payload);
      if (!parsed.success)
        return reply({ ok: false, error: 'invalid_request', message: 'expected { runId }' });
      const run = runs.get(parsed.data.runId);
      if (!run) return reply({ ok: false, error: 'not_found', message: `no run "${parsed.data.runId}"` });
      const r = room(run.runId);
      if ((io.sockets.adapter.rooms.get(r)?.size ?? 0) >= limits.maxSubscribersPerRun) {
        return reply({
          ok: false,
          error: 'too_many_subscribers',
          message: `at most ${limits.maxSubscribersPerRun} subscribers per run (limit maxSubscribersPerRun)`,
        });
      }
      await socket.join(r);
      const base = { ok: true as const, status: run.status, frame: run.latestFrame() };
      reply(run.error ? { ...base, error: run.error } : base);
    });

    socket.on('run:unsubscribe', async (payload, ack) => {
      const parsed = subscribePayloadSchema.safeParse(payload);
      if (!parsed.success)
        return ack?.({ ok: false, error: 'invalid_request', message: 'expected { runId }' });
      await socket.leave(room(parsed.data.runId));
      ack?.({ ok: true });
    });
  });
}

function relayFrame(io: IoServer, frame: TelemetryFrame): void {
  const members = io.sockets.adapter.rooms.get(room(frame.runId));
  if (!members) return;
  for (const id of members) {
    const socket = io.sockets.sockets.get(id);
    if (!socket) continue;
    // A client that is not reading keeps its old frames unsent; it gets the newest one once it drains.
    if (bufferedPackets(socket) > MAX_BUFFERED_PACKETS) continue;
    socket.emit('run:telemetry', frame);
  }
}

/** engine.io keeps packets it could not write yet here; its type marks it private, the field is stable. */
function bufferedPackets(socket: IoSocket): number {
  return (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
}
