import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/socket-events.js';
import { type App, createApp } from '../app.js';
import { DEFAULT_LIMITS, type Limits } from '../config.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestApp extends App {
  url: string;
  connect(): Promise<TestSocket>;
}

/** The real app on 127.0.0.1, port 0. Call `close()` in afterEach. */
export async function startTestApp(limits: Partial<Limits> = {}): Promise<TestApp> {
  const app = createApp({ limits: { ...DEFAULT_LIMITS, ...limits } });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];
  return {
    ...app,
    url,
    async connect() {
      const socket: TestSocket = connect(url, { transports: ['websocket'], forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
    },
  };
}

export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The contract's example: a 2,000/s source into a 500/s worker. */
export const slowConsumerGraph = {
  schemaVersion: 1,
  name: 'slow consumer',
  nodes: [
    { id: 'src', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: 2000 } },
    { id: 'work', kind: 'worker', position: { x: 250, y: 0 }, params: { serviceTimeMs: 2 } },
    { id: 'out', kind: 'counter', position: { x: 500, y: 0 }, params: {} },
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
  ],
};
