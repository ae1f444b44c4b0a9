import type { AddressInfo } from 'node:net';
import { createServer, type Socket, connect as tcpConnect } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 standing in for a load balancer between the browser and the server:
 * `cut()` drops every open connection (an instance or the network going away), `hold()` refuses
 * new ones until `release()`, and `retarget()` sends the next ones to another server.
 */
export interface TcpProxy {
  url: string;
  cut(): void;
  hold(): void;
  release(): void;
  retarget(port: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let target = targetPort;
  let held = false;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (held) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(target, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () => {
      for (const s of open) s.destroy();
      open.clear();
    },
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
    },
    retarget: (p) => {
      target = p;
    },
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
