import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol/socket-events.js';

type SluiceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The ack of `run:subscribe`: the run's status and latest frame, or why not. */
export type SubscribeReply = Parameters<Parameters<ClientToServerEvents['run:subscribe']>[1]>[0];

export interface LiveRunsHooks {
  /** Subscribe with `delta: true`: `run:telemetry-delta` between whole frames (docs/telemetry.md). */
  delta?: boolean;
  /** The token to send for a run, read at each (re)subscription. */
  tokenFor(runId: string): string | null | undefined;
  /** Every subscription's ack; `resumed` is true when it follows a reconnect. */
  onReply(runId: string, reply: SubscribeReply, resumed: boolean): void;
  /** The connection went up or down (a failed reconnect attempt counts as down). */
  onConnection?(up: boolean): void;
  /** Waits before each reconnect after the server closed the socket (default 0.25, 1, 2.5, then 5 s). */
  serverCloseRetryMs?: readonly number[];
  /**
   * A subscription refused for a while (the run's instance not answering yet) is asked again;
   * each refusal is told here, and `onReply` hears the answer once there is one.
   */
  onWaiting?(runId: string, message: string): void;
  /** Waits between those subscription retries (default 1 s). */
  resubscribeRetryMs?: number;
}

/**
 * Refusals that pass: the run's coordinating instance did not answer (it is busy, or it died and
 * the others have not yet marked its runs failed — they do within seconds, and say so).
 */
const PASSING = new Set(['coordinator_gone', 'coordinator_timeout', 'unavailable']);
/** Retries of one subscription before its refusal is final: about a minute at the default wait. */
const MAX_RESUBSCRIBE_TRIES = 60;

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
  /** Subscriptions waiting to be asked again, by run, with how many times they were. */
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; tries: number }>();

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
    this.cancelRetry(runId);
    if (this.socket.connected) this.socket.emit('run:unsubscribe', { runId });
  }

  watching(): string[] {
    return [...this.watched];
  }

  /** Stops retrying (the page is going away or a test ends). */
  close(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const runId of this.pending.keys()) this.cancelRetry(runId);
    this.watched.clear();
    this.socket.disconnect();
  }

  private subscribe(runId: string, resumed: boolean, tries = 0): void {
    this.cancelRetry(runId);
    const token = this.hooks.tokenFor(runId);
    const payload = token ? { runId, token } : { runId };
    this.socket.emit('run:subscribe', this.hooks.delta ? { ...payload, delta: true } : payload, (reply) => {
      // A run forgotten while its ack was on the way is no longer this page's business.
      if (!this.watched.has(runId)) return;
      if (!reply.ok && PASSING.has(reply.error) && tries < MAX_RESUBSCRIBE_TRIES) {
        this.hooks.onWaiting?.(runId, reply.message);
        const timer = setTimeout(() => {
          this.pending.delete(runId);
          // Disconnected meanwhile: the reconnect subscribes again anyway.
          if (this.socket.connected && this.watched.has(runId)) this.subscribe(runId, resumed, tries + 1);
        }, this.hooks.resubscribeRetryMs ?? 1_000);
        this.pending.set(runId, { timer, tries });
        return;
      }
      this.hooks.onReply(runId, reply, resumed);
    });
  }

  private cancelRetry(runId: string): void {
    const p = this.pending.get(runId);
    if (p) clearTimeout(p.timer);
    this.pending.delete(runId);
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
