import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/socket-events.js';
import { bufferedPackets } from './socket-pressure.js';

type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Items (or lines) one socket may have waiting per stream; past it the oldest are dropped and counted. */
export const MAX_PENDING_ITEMS = 2_000;
export const MAX_PENDING_LINES = 500;
/** Items per message when a backlog is sent: a backlog goes out in bounded pieces. */
const CHUNK_ITEMS = 500;

interface Pending {
  event: 'sink:items' | 'run:log';
  runId: string;
  nodeId: string;
  entries: unknown[];
  skipped: number;
  sampledOut: number;
}

/**
 * What one socket still has to receive of the item and log streams it watches. Items are not
 * latest-state like frames, so they are coalesced rather than skipped: while the socket's write
 * buffer is busy, new entries wait here and go out together on engine.io's `drain` (one packet
 * per stream per drain, so a burst never piles packets up). The wait is bounded per stream — a
 * socket that is not reading loses the oldest entries past the bound, and the next message it
 * gets says how many (`skipped`). Nothing here grows with the run's rate or length.
 */
export class StreamOutbox {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly socket: IoSocket) {
    socket.conn.on('drain', () => this.flush());
  }

  offer(
    event: Pending['event'],
    runId: string,
    nodeId: string,
    entries: readonly unknown[],
    sampledOut = 0,
  ): void {
    const key = `${event}\u0000${runId}\u0000${nodeId}`;
    let p = this.pending.get(key);
    if (!p && bufferedPackets(this.socket) === 0) {
      this.emit({ event, runId, nodeId, entries: entries as unknown[], skipped: 0, sampledOut });
      return;
    }
    if (!p) {
      p = { event, runId, nodeId, entries: [], skipped: 0, sampledOut };
      this.pending.set(key, p);
    }
    for (const e of entries) p.entries.push(e);
    p.sampledOut = sampledOut;
    const max = event === 'sink:items' ? MAX_PENDING_ITEMS : MAX_PENDING_LINES;
    if (p.entries.length > max) p.skipped += p.entries.splice(0, p.entries.length - max).length;
  }

  /** The socket left the run: what waits for it there is dropped. */
  forgetRun(runId: string): void {
    for (const [key, p] of this.pending) if (p.runId === runId) this.pending.delete(key);
  }

  private flush(): void {
    for (const [key, p] of this.pending) {
      const entries = p.entries.splice(0, CHUNK_ITEMS);
      this.emit({ ...p, entries });
      p.skipped = 0;
      if (p.entries.length === 0) this.pending.delete(key);
    }
  }

  private emit(p: Pending): void {
    const { runId, nodeId, skipped } = p;
    const extra = skipped > 0 ? { skipped } : {};
    if (p.event === 'sink:items')
      this.socket.emit('sink:items', { runId, nodeId, items: p.entries, ...extra });
    else
      this.socket.emit('run:log', {
        runId,
        nodeId,
        lines: p.entries as string[],
        sampledOut: p.sampledOut,
        ...extra,
      });
  }
}
