import type { Socket } from 'socket.io';
import { approxJsonBytes } from '../../shared/protocol/display-item.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/socket-events.js';
import { RunPendingBytes } from './run-pending-bytes.js';
import { bufferedPackets } from './socket-pressure.js';

type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Items (or lines) one socket may have waiting per stream; past it the oldest are dropped and counted. */
export const MAX_PENDING_ITEMS = 2_000;
export const MAX_PENDING_LINES = 500;
/**
 * Bytes (approximate JSON) one socket may have waiting over all its streams. Counts bound the
 * number of entries; this bounds what they weigh, whatever the items hold.
 */
export const MAX_PENDING_BYTES = 1024 * 1024;
/** Items per message when a backlog is sent: a backlog goes out in bounded pieces. */
const CHUNK_ITEMS = 500;
/** Bytes per message of a backlog: a frame never waits behind more than one such piece. */
const CHUNK_BYTES = 128 * 1024;

interface Pending {
  event: 'sink:items' | 'run:log';
  runId: string;
  nodeId: string;
  entries: unknown[];
  /** Approximate JSON size of each entry, in step with `entries`. */
  sizes: number[];
  bytes: number;
  skipped: number;
  sampledOut: number;
}

/**
 * What one socket still has to receive of the item and log streams it watches. Items are not
 * latest-state like frames, so they are coalesced rather than skipped: while the socket's write
 * buffer is busy, new entries wait here and go out together on engine.io's `drain` (one packet
 * per stream per drain, so a burst never piles packets up). The wait is bounded per stream in
 * entries, per socket in bytes, and per run in bytes over all its sockets (`RunPendingBytes`) —
 * a socket that is not reading loses the oldest entries past a bound, and the next message it
 * gets says how many (`skipped`). Nothing here grows with the run's rate, its length, its item
 * size or its number of watchers.
 */
export class StreamOutbox {
  private readonly pending = new Map<string, Pending>();
  private bytes = 0;

  constructor(
    private readonly socket: IoSocket,
    private readonly runBytes = new RunPendingBytes(),
  ) {
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
      p = { event, runId, nodeId, entries: [], sizes: [], bytes: 0, skipped: 0, sampledOut };
      this.pending.set(key, p);
    }
    for (const e of entries) {
      const n = approxJsonBytes(e);
      p.entries.push(e);
      p.sizes.push(n);
      p.bytes += n;
      this.bytes += n;
      this.runBytes.add(runId, n);
    }
    p.sampledOut = sampledOut;
    const max = event === 'sink:items' ? MAX_PENDING_ITEMS : MAX_PENDING_LINES;
    // Oldest first, until both the count and the bytes (this socket's, the run's) are within bounds.
    const excess = p.entries.length - max;
    let over = Math.max(this.bytes - MAX_PENDING_BYTES, this.runBytes.over(runId));
    let drop = 0;
    while (drop < p.entries.length && (drop < excess || over > 0)) over -= p.sizes[drop++]!;
    if (drop > 0) p.skipped += this.take(p, drop).length;
  }

  /** The socket left the run: what waits for it there is dropped. */
  forgetRun(runId: string): void {
    for (const [key, p] of this.pending) {
      if (p.runId !== runId) continue;
      this.take(p, p.entries.length);
      this.pending.delete(key);
    }
  }

  /** The socket is gone: release everything it held against its runs' budgets. */
  dispose(): void {
    for (const p of this.pending.values()) this.take(p, p.entries.length);
    this.pending.clear();
  }

  private flush(): void {
    for (const [key, p] of this.pending) {
      let n = 0;
      let bytes = 0;
      while (n < p.entries.length && n < CHUNK_ITEMS && (n === 0 || bytes + p.sizes[n]! <= CHUNK_BYTES))
        bytes += p.sizes[n++]!;
      this.emit({ ...p, entries: this.take(p, n) });
      p.skipped = 0;
      if (p.entries.length === 0) this.pending.delete(key);
    }
  }

  /** Removes the oldest `n` entries of a stream and releases their bytes. */
  private take(p: Pending, n: number): unknown[] {
    let bytes = 0;
    for (const s of p.sizes.splice(0, n)) bytes += s;
    p.bytes -= bytes;
    this.bytes -= bytes;
    this.runBytes.add(p.runId, -bytes);
    return p.entries.splice(0, n);
  }

  private emit(p: Pick<Pending, 'event' | 'runId' | 'nodeId' | 'entries' | 'skipped' | 'sampledOut'>): void {
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
