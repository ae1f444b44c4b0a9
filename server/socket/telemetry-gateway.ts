import type { EventEmitter } from 'node:events';
import type { Server, Socket } from 'socket.io';
import { sinkCreditPayloadSchema, subscribePayloadSchema } from '../../shared/protocol/api.js';
import type { RpcReply } from '../../shared/protocol/instances.js';
import type {
  ClientToServerEvents,
  RunStatusMessage,
  ServerToClientEvents,
} from '../../shared/protocol/socket-events.js';
import { isFinished, type RunStatus, type TelemetryFrame } from '../../shared/protocol/telemetry.js';
import type { Limits } from '../config.js';
import { HttpError } from '../http/api-error.js';
import type { LiveEvents } from '../instances/live-relay.js';
import type { GatewayCounters } from '../metrics/app-metrics.js';
import type { RunManager } from '../runs/run-manager.js';
import type { RunHandle } from '../runtime/run-handle.js';
import { DeltaRelay } from './delta-relay.js';
import { RunPendingBytes } from './run-pending-bytes.js';
import {
  bufferedPackets,
  dropSocket,
  HARD_BUFFERED_PACKETS,
  MAX_BUFFERED_PACKETS,
} from './socket-pressure.js';
import { StreamOutbox } from './stream-outbox.js';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const room = (runId: string) => `run:${runId}`;

export interface GatewayOptions {
  limits: Pick<Limits, 'maxSubscribersPerRun' | 'maxSocketStallMs'>;
  counters?: GatewayCounters;
  now?: () => number;
  /** SLUICE_CLUSTER: runs coordinated by other instances, watched through this one. */
  remote?: RemoteRunAccess;
}

/** What the gateway needs to serve a run another instance coordinates (`Instances`). */
export interface RemoteRunAccess {
  /** Their events, re-emitted as the RunManager emits its own. */
  events: EventEmitter<LiveEvents>;
  coordinatorOf(runId: string): Promise<string | undefined>;
  watch(runId: string, instance: string, token: string | undefined, count: number): Promise<RpcReply>;
  credit(
    runId: string,
    instance: string,
    nodeId: string,
    n: number,
    token: string | undefined,
  ): Promise<RpcReply>;
  setLocalWatchers(runId: string, count: number, coordinator?: string): void;
}

/**
 * Relays run frames and status, browser-sink items and log lines to subscribed sockets, never
 * queueing unboundedly for a slow one. Frames are latest-state: a socket that is not reading
 * skips stale ones. Items and log lines are not: they are coalesced per socket in a bounded
 * outbox (`StreamOutbox`) and, past its bound, dropped for that socket only and counted in its
 * next message as `skipped`. Credits bound the item stream at the source; the outbox bounds it
 * per socket.
 */
export function attachTelemetryGateway(io: IoServer, runs: RunManager, options: GatewayOptions): void {
  const { limits, counters } = options;
  const now = options.now ?? Date.now;
  /** When each socket first had a frame skipped in its current stall. */
  const stalledSince = new WeakMap<IoSocket, number>();

  const deltas = new DeltaRelay();
  const outboxes = new WeakMap<IoSocket, StreamOutbox>();
  const runBytes = new RunPendingBytes();
  const outboxOf = (socket: IoSocket) => {
    let box = outboxes.get(socket);
    if (!box) {
      box = new StreamOutbox(socket, runBytes);
      outboxes.set(socket, box);
      const owned = box;
      socket.once('disconnect', () => owned.dispose());
    }
    return box;
  };

  // Who watches each run, for the orphan grace: the run's room is its subscribers. The adapter
  // reports every join and leave (unsubscribe and disconnect alike) with the room already updated.
  const adapter = io.sockets.adapter;
  /** Remote runs some socket here joined, with their coordinator. */
  const remoteCoordinator = new Map<string, string>();
  const watchersChanged = (roomName: string) => {
    if (!roomName.startsWith('run:')) return;
    const runId = roomName.slice('run:'.length);
    const count = adapter.rooms.get(roomName)?.size ?? 0;
    const coordinator = remoteCoordinator.get(runId);
    if (coordinator === undefined) return runs.setWatchers(runId, count);
    options.remote?.setLocalWatchers(runId, count, coordinator);
    if (count === 0) remoteCoordinator.delete(runId);
  };
  adapter.on('join-room', watchersChanged);
  adapter.on('leave-room', watchersChanged);

  // Local runs and (with SLUICE_CLUSTER) runs coordinated elsewhere are relayed the same way.
  // The RunManager emits these events among others (its event map is a superset).
  relayFrom(runs as unknown as EventEmitter<LiveEvents>);
  if (options.remote) relayFrom(options.remote.events);

  function relayFrom(source: RemoteRunAccess['events']): void {
    source.on('frame', (frame) => relayFrame(frame));
    source.on('sink:items', (runId, nodeId, items) => {
      for (const socket of membersOf(runId)) outboxOf(socket).offer('sink:items', runId, nodeId, items);
    });
    source.on('run:log', (runId, nodeId, lines, sampledOut) => {
      for (const socket of membersOf(runId))
        outboxOf(socket).offer('run:log', runId, nodeId, lines, sampledOut);
    });
    // Hops are small and come at most every 50 ms per run; a socket not reading skips them (it can
    // read the whole trace from GET /api/runs/:id/traces/:traceId) rather than have them queue.
    // Hops and taps go straight out (no outbox): a socket past its buffer skips them.
    const skippable = (runId: string, send: (socket: IoSocket) => void) => {
      for (const socket of membersOf(runId)) {
        if (bufferedPackets(socket) > MAX_BUFFERED_PACKETS) {
          counters?.framesSkipped.inc();
          continue;
        }
        send(socket);
      }
    };
    source.on('trace', (message) => skippable(message.runId, (s) => s.emit('run:trace', message)));
    // Taps are bounded at the source (20 items/s, 4 per run); a socket not reading skips them like hops.
    source.on('tap', (message) => skippable(message.runId, (s) => s.emit('run:tap', message)));
    source.on('status', (runId, status, error, reason) => {
      const message: RunStatusMessage = { runId, status };
      if (error) message.error = error;
      if (reason !== undefined) message.reason = reason;
      if (isFinished(status)) deltas.runEnded(runId);
      io.to(room(runId)).emit('run:status', message);
    });
  }

  function* membersOf(runId: string): Generator<IoSocket> {
    const members = io.sockets.adapter.rooms.get(room(runId));
    if (!members) return;
    for (const id of [...members]) {
      const socket = io.sockets.sockets.get(id);
      if (socket) yield socket;
    }
  }

  function relayFrame(frame: TelemetryFrame): void {
    const t = now();
    const skipped: string[] = [];
    const ready: IoSocket[] = [];
    for (const socket of membersOf(frame.runId)) {
      const buffered = bufferedPackets(socket);
      if (buffered > MAX_BUFFERED_PACKETS) {
        // Not reading: keep its old frames unsent; it gets the newest one once it drains —
        // unless it stays stalled so long that it is better dropped (it can reconnect).
        counters?.framesSkipped.inc();
        const since = stalledSince.get(socket) ?? t;
        stalledSince.set(socket, since);
        if (buffered > HARD_BUFFERED_PACKETS || t - since > limits.maxSocketStallMs) {
          counters?.stalledDisconnects.inc();
          dropSocket(socket);
        }
        skipped.push(socket.id);
        continue;
      }
      stalledSince.delete(socket);
      ready.push(socket);
    }
    if (ready.length === 0) return;
    // Delta subscribers holding the previous frame get what changed (one broadcast, encoded once);
    // everyone else the whole frame.
    const { deltaTo, delta } = deltas.plan(frame, ready);
    if (delta) io.to(deltaTo).emit('run:telemetry-delta', delta);
    const except = delta ? [...skipped, ...deltaTo] : skipped;
    // One broadcast to the run's room, minus the stalled: socket.io encodes a broadcast once for
    // every receiver, where one emit per socket encoded the frame once per subscriber.
    if (except.length < ready.length + skipped.length) {
      const target = io.to(room(frame.runId));
      (except.length > 0 ? target.except(except) : target).emit('run:telemetry', frame);
    }
    counters?.framesSent.inc(ready.length);
  }

  /**
   * `run:subscribe` of a run another instance coordinates: it checks the token and the
   * subscriber limit and answers with the status; this socket then joins the run's room here,
   * fed from the run's live subject. False when no instance has the run (404 as before).
   */
  async function subscribeRemote(
    socket: IoSocket,
    data: { runId: string; token?: string | undefined; delta?: boolean | undefined },
    reply: (m: never) => void,
  ): Promise<boolean> {
    const remote = options.remote!;
    try {
      const coordinator = await remote.coordinatorOf(data.runId);
      if (coordinator === undefined) return false;
      const r = room(data.runId);
      const members = io.sockets.adapter.rooms.get(r);
      const count = (members?.size ?? 0) + (members?.has(socket.id) ? 0 : 1);
      const out = await remote.watch(data.runId, coordinator, data.token, count);
      if (out.ok && !isFinished(out.status as RunStatus)) {
        remoteCoordinator.set(data.runId, coordinator);
        await socket.join(r);
        // The ack's frame comes from the coordinator: the first relayed here goes whole.
        if (data.delta) deltas.subscribe(socket, data.runId, null);
      }
      reply(out as never);
    } catch (err) {
      reply({
        ok: false,
        error: 'unavailable',
        message: `the run's server instance could not be reached: ${String(err)}`,
      } as never);
    }
    return true;
  }

  io.on('connection', (socket: IoSocket) => {
    counters?.connections.inc();
    socket.once('disconnect', () => counters?.connections.dec());

    /** A client that sends requests but never reads their acks is dropped, not buffered for. */
    const overloaded = () => {
      if (bufferedPackets(socket) <= HARD_BUFFERED_PACKETS) return false;
      counters?.stalledDisconnects.inc();
      dropSocket(socket);
      return true;
    };

    socket.on('run:subscribe', async (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (overloaded()) return;
      const parsed = subscribePayloadSchema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join('.') || 'payload';
        return reply({
          ok: false,
          error: 'invalid_request',
          message: `expected { runId, token?, delta? }: ${field}: ${issue?.message ?? 'invalid'}`,
        });
      }
      // Watching needs the run token or the watch token (404, then 401/403, as on REST).
      let run: RunHandle;
      try {
        run = runs.authorize(parsed.data.runId, parsed.data.token, 'read').run;
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        if (err.status === 404 && options.remote && (await subscribeRemote(socket, parsed.data, reply)))
          return;
        return reply({ ok: false, error: err.code, message: err.message });
      }
      const r = room(run.runId);
      const members = io.sockets.adapter.rooms.get(r);
      // Every instance's watchers count (SLUICE_CLUSTER; one instance: the room's size).
      const watching = Math.max(members?.size ?? 0, runs.watcherCount(run.runId));
      if (!members?.has(socket.id) && watching >= limits.maxSubscribersPerRun) {
        return reply({
          ok: false,
          error: 'too_many_subscribers',
          message: `at most ${limits.maxSubscribersPerRun} subscribers per run (limit maxSubscribersPerRun, SLUICE_MAX_SUBSCRIBERS)`,
        });
      }
      await socket.join(r);
      const reason = isFinished(run.status) ? runs.stopReason(run.runId) : undefined;
      const frame = run.latestFrame();
      // The ack's frame is the first a delta subscriber holds; without the option, nothing changes.
      if (parsed.data.delta) deltas.subscribe(socket, run.runId, frame);
      else deltas.forget(socket, run.runId);
      reply({
        ok: true,
        status: run.status,
        frame,
        ...(run.error ? { error: run.error } : {}),
        ...(reason !== undefined ? { reason } : {}),
      });
    });

    socket.on('sink:credit', (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (overloaded()) return;
      const parsed = sinkCreditPayloadSchema.safeParse(payload);
      if (!parsed.success) {
        return reply({
          ok: false,
          error: 'invalid_request',
          message: 'expected { runId, nodeId, n, token } with n an integer from 1 to 10000',
        });
      }
      const { runId, nodeId, n, token } = parsed.data;
      const coordinator = remoteCoordinator.get(runId);
      if (coordinator !== undefined && options.remote) {
        if (!socket.rooms.has(room(runId)))
          return reply({ ok: false, error: 'not_subscribed', message: `subscribe to run "${runId}" first` });
        // The coordinator checks the token and grants, as it does for its own sockets.
        void options.remote
          .credit(runId, coordinator, nodeId, n, token)
          .then((out) => reply(out as never))
          .catch((err: unknown) => reply({ ok: false, error: 'unavailable', message: String(err) }));
        return;
      }
      // Opening the tap is control: the run token only, never a watch token.
      try {
        runs.authorize(runId, token, 'control');
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        return reply({ ok: false, error: err.code, message: err.message });
      }
      // Only a subscriber may open the tap: the items go to the run's room.
      if (!socket.rooms.has(room(runId)))
        return reply({ ok: false, error: 'not_subscribed', message: `subscribe to run "${runId}" first` });
      try {
        runs.grantCredit(runId, nodeId, n);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        return reply({ ok: false, error: err.code, message: err.message });
      }
      reply({ ok: true });
    });

    socket.on('run:unsubscribe', async (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (overloaded()) return;
      const parsed = subscribePayloadSchema.safeParse(payload);
      if (!parsed.success)
        return reply({ ok: false, error: 'invalid_request', message: 'expected { runId }' });
      await socket.leave(room(parsed.data.runId));
      deltas.forget(socket, parsed.data.runId);
      outboxes.get(socket)?.forgetRun(parsed.data.runId);
      reply({ ok: true });
    });
  });
}
