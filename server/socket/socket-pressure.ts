import type { Socket } from 'socket.io';

/**
 * Packets a socket may have waiting in its engine.io write buffer before we stop writing frames to
 * it. Frames are latest-state: a slow client skips stale frames and gets the newest one next tick,
 * so the server never queues telemetry for anybody.
 */
export const MAX_BUFFERED_PACKETS = 4;

/**
 * Beyond this the client is not merely slow: it keeps sending (acks pile up) without reading.
 * It is dropped at once — nothing else the server writes to it is bounded by frame skipping.
 */
export const HARD_BUFFERED_PACKETS = 64;

/** engine.io keeps packets it could not write yet here; its type marks it private, the field is stable. */
export function bufferedPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
}

/**
 * Disconnects a socket that is not reading. engine.io's own close waits for the write buffer to
 * drain — which a stalled client never does — so the WebSocket underneath is terminated as well.
 */
export function dropSocket(socket: Socket): void {
  const ws = (socket.conn as unknown as { transport?: { socket?: { terminate?: () => void } } }).transport
    ?.socket;
  socket.disconnect(true);
  ws?.terminate?.();
}
