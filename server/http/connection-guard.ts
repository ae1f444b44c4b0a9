import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionGuard {
  /** Connections open now (HTTP, keep-alive and upgraded WebSockets alike). */
  readonly size: number;
  /** Ends every connection at once: shutdown, after the grace period. */
  destroyAll(): void;
}

/**
 * Tracks every TCP connection of the server and caps those open from one remote address. A
 * connection over the cap is answered 429 at once and closed, before a byte of its request is
 * read, so a client that opens thousands of idle connections holds one slot each only up to
 * the cap. Upgraded sockets (socket.io's WebSockets) are tracked too: `closeAllConnections()`
 * does not see them, and a stalled one would otherwise keep the server open past shutdown.
 */
export function guardConnections(server: HttpServer, maxPerAddress: number): ConnectionGuard {
  const open = new Set<Socket>();
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const n = perAddress.get(address) ?? 0;
    if (n >= maxPerAddress) {
      refuse(socket, maxPerAddress);
      return;
    }
    perAddress.set(address, n + 1);
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
  return {
    get size() {
      return open.size;
    },
    destroyAll() {
      for (const socket of open) socket.destroy();
    },
  };
}

function refuse(socket: Socket, max: number): void {
  // The HTTP parser is already listening on the socket: stop it reading, so nothing of the
  // refused request reaches the app, then answer on the raw socket and close.
  socket.pause();
  const body = JSON.stringify({
    error: 'too_many_connections',
    message: `at most ${max} open connections from one address (limit maxConnectionsPerIp, SLUICE_MAX_CONNECTIONS_PER_IP)`,
  });
  socket.on('error', () => {}); // the client may already be gone
  socket.end(
    'HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 1\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}
