/**
 * The 200 watching browsers of `classroom-load.ts`, in their own process (so their JSON parsing
 * does not sit on the event loop that times the REST requests). Each socket.io client connects
 * over WebSocket only — as the editor does, no sticky sessions — to one of the instances and
 * watches one run with its watch token.
 *
 * Parent → child: `{ type: 'watch', plan: [{ url, runId, token }] }` (one entry per client),
 * `{ type: 'count' }`, `{ type: 'exit' }`.
 * Child → parent: `{ type: 'ready', refused }` once every client has connected and subscribed,
 * `{ type: 'count', frames, errors }` (telemetry frames per client so far; errors so far, by kind).
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/socket-events.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export interface WatchPlan {
  url: string;
  runId: string;
  token: string;
}
export type ToWatchers = { type: 'watch'; plan: WatchPlan[] } | { type: 'count' } | { type: 'exit' };
export type FromWatchers =
  | { type: 'ready'; refused: string[] }
  | { type: 'count'; frames: number[]; errors: Record<string, number> }
  | { type: 'error'; message: string };

const send = (m: FromWatchers) => process.send?.(m);
const clients: Client[] = [];
let frames: number[] = [];
const errors: Record<string, number> = {};
const count = (kind: string) => {
  errors[kind] = (errors[kind] ?? 0) + 1;
};

/** Connects and subscribes one client; resolves with the refusal, if any. */
async function watch(k: number, { url, runId, token }: WatchPlan): Promise<string | null> {
  const socket: Client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  clients.push(socket);
  socket.on('run:telemetry', () => {
    frames[k]!++;
  });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io client disconnect') count(`disconnect: ${reason}`);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(30_000).emitWithAck('run:subscribe', { runId, token });
  return ack.ok ? null : `${ack.error}: ${ack.message}`;
}

process.on('message', async (m: ToWatchers) => {
  try {
    if (m.type === 'watch') {
      frames = new Array<number>(m.plan.length).fill(0);
      const refused: string[] = [];
      // Twenty at a time: a burst of 200 handshakes would only measure the accept queue.
      for (let i = 0; i < m.plan.length; i += 20) {
        const batch = m.plan
          .slice(i, i + 20)
          .map((p, j) =>
            watch(i + j, p).catch((err: unknown) => (err instanceof Error ? err.message : String(err))),
          );
        for (const r of await Promise.all(batch)) {
          if (r === null) continue;
          refused.push(r);
          count('subscribe refused');
        }
      }
      send({ type: 'ready', refused: refused.slice(0, 5) });
    } else if (m.type === 'count') {
      send({ type: 'count', frames: [...frames], errors: { ...errors } });
    } else {
      for (const c of clients) c.disconnect();
      process.exit(0);
    }
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
