/**
 * The subscribers of the fan-out benchmark, in their own process (as browsers would be): N
 * socket.io clients over WebSocket to the URL in argv, driven over IPC by `fanout.ts`.
 *
 * Parent → child: `{ type: 'subscribe' | 'unsubscribe', runId, token }` (the run's watch token:
 * these are viewers), `{ type: 'count' }`, `{ type: 'exit' }`.
 * Child → parent: `{ type: 'ready' }` once all are connected, `{ type: 'done' }` after each
 * (un)subscribe, `{ type: 'count', frames, cpuMs }` (telemetry frames each client has received so
 * far, and this process's CPU time).
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/socket-events.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ToClients =
  | { type: 'subscribe' | 'unsubscribe'; runId: string; token: string }
  | { type: 'count' }
  | { type: 'exit' };
export type FromClients =
  | { type: 'ready' }
  | { type: 'done' }
  | { type: 'count'; frames: number[]; cpuMs: number }
  | { type: 'error'; message: string };

const send = (m: FromClients) => process.send?.(m);

async function main(): Promise<void> {
  const [url, count] = [process.argv[2]!, Number(process.argv[3])];
  const frames = new Array<number>(count).fill(0);
  const clients: Client[] = [];
  // Connect in small batches: a burst of 200 handshakes at once only measures the accept queue.
  for (let i = 0; i < count; i += 20) {
    const batch = Array.from({ length: Math.min(20, count - i) }, (_, j) => {
      const socket: Client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      const k = i + j;
      socket.on('run:telemetry', () => {
        frames[k]!++;
      });
      clients.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
    });
    await Promise.all(batch);
  }
  send({ type: 'ready' });

  process.on('message', async (m: ToClients) => {
    try {
      if (m.type === 'subscribe' || m.type === 'unsubscribe') {
        const event = m.type === 'subscribe' ? 'run:subscribe' : 'run:unsubscribe';
        const acks = await Promise.all(
          clients.map((c) => c.emitWithAck(event, { runId: m.runId, token: m.token })),
        );
        const refused = acks.find((a) => !a.ok);
        if (refused && !refused.ok) throw new Error(`${event} refused: ${refused.error} ${refused.message}`);
        send({ type: 'done' });
      } else if (m.type === 'count') {
        const cpu = process.cpuUsage();
        send({ type: 'count', frames, cpuMs: (cpu.user + cpu.system) / 1000 });
      } else {
        for (const c of clients) c.disconnect();
        process.exit(0);
      }
    } catch (err) {
      send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  });
}

main().catch((err: unknown) => {
  send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
