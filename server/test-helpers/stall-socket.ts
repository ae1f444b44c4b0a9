import type { Socket } from 'socket.io-client';

interface NetLike {
  pause(): void;
  resume(): void;
}

/**
 * The TCP socket under a socket.io-client WebSocket (Node's `ws`). Pausing it makes the client stop
 * reading exactly like a frozen browser tab: the kernel buffers fill and the server's writes stall.
 */
export function tcpOf(socket: Socket): NetLike {
  const transport = (
    socket.io.engine as unknown as { transport: { name: string; ws?: { _socket?: NetLike } } }
  ).transport;
  const tcp = transport.ws?._socket;
  if (transport.name !== 'websocket' || !tcp) throw new Error('expected a WebSocket transport over ws');
  return tcp;
}
