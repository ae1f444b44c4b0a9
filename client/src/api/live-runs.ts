import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol/socket-events.js';

type SluiceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The ack of `run:subscribe`: the run's status and latest frame, or why not. */
export type SubscribeReply = Parameters<Parameters<ClientToServerEvents['run:subscribe']>[1]>[0];

export interface LiveRunsHooks {
  /** The token to send for a run, read at each (re)subscription. */
  tokenFor(runId: string): string | null | undefined;
  /** Every subscription's ack; `resumed` is true when it follows a reconnect. */
  onReply(runId: string, reply: SubscribeReply, resumed: boolean): void;
  /** The connection went up or down (a failed reconnect attempt counts as down). */
  onConnection?(up: boolean): void;
  /** Waits before each reconnect after the server closed the socket (default 0.25, 1, 2.5, then 5 s). */
  serverCloseRetryMs?: readonly number[];
}

/** Waits before asking again after the server closed the socket (an instance going away). */
const SERVER_CLOSE_RETRY_MS = [250, 1_000, 2_500, 5_000];

/**
 * The runs a page watches, kept subscribed across reconnects. A server forgets a socket's
 * subscriptions when it goes (and behind a load balancer the new socket may reach another
 * instance), so every reconnect subscribes each watched run again with its token; the ack
 * carries the run's status, so a run that ended meanwhile shows its end.
 *
 * socket.io reconnects by itself after a lost transport, not after the server sent
 * "disconnect" (an instance shutting down, a stalled socket dropped): that case asks again here.
 *
 * @example
 * const live = new LiveRuns(io(url, { transports: ['websocket'] }), { tokenFor, onReply });
 * live.watch('r1'); // subscribed now and after every reconnect, until live.forget('r1')
 */
export class LiveRuns {
  private readonly watched = new Set<string>();
  private connectedOnce = false;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly socket: SluiceSocket,
    private readonly hooks: LiveRunsHooks,
  ) {
    socket.on('connect', () => {
      this.retries = 0;
      const resumed = this.connectedOnce;
      this.connectedOnce = true;
      hooks.onConnection?.(true);
      if (resumed) for (const runId of this.watched) this.subscribe(runId, true);
    });
    socket.on('disconnect', (reason) => {
      hooks.onConnection?.(false);
      if (reason === 'io server disconnect') this.reconnectLater();
    });
    socket.on('connect_error', () => hooks.onConnection?.(false));
  }

  /** Subscribes now (or at the first connect) and after every reconnect. */
  watch(runId: string): void {
    this.watched.add(runId);
    // While a reconnect is pending the `connect` handler subscribes; an emit now would be
    // buffered by socket.io and sent twice.
    if (this.socket.connected || !this.connectedOnce) this.subscribe(runId, false);
  }

  /** Stops watching; the server is told when connected (a new socket is not subscribed anyway). */
  forget(runId: string): void {
    this.watched.delete(runId);
    if (this.socket.connected) this.socket.emit('run:unsubscribe', { runId });
  }

  watching(): string[] {
    return [...this.watched];
  }

  /** Stops retrying (the page is going away or a test ends). */
  close(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.watched.clear();
    this.socket.disconnect();
  }

  private subscribe(runId: string, resumed: boolean): void {
    const token = this.hooks.tokenFor(runId);
    this.socket.emit('run:subscribe', token ? { runId, token } : { runId }, (reply) => {
      // A run forgotten while its ack was on the way is no longer this page's business.
      if (this.watched.has(runId)) this.hooks.onReply(runId, reply, resumed);
    });
  }

  private reconnectLater(): void {
    if (this.retryTimer !== null) return;
    const waits = this.hooks.serverCloseRetryMs ?? SERVER_CLOSE_RETRY_MS;
    const wait = waits[Math.min(this.retries, waits.length - 1)] ?? 5_000;
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.socket.connected) this.socket.connect();
    }, wait);
  }
}
