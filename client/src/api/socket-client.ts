import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol/socket-events.js';
import { findBottlenecks } from '../lib/bottleneck.js';
import { isRunActive } from '../lib/run-gate.js';
import { isRunStatusMessage, isTelemetryFrame } from '../lib/telemetry-guards.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { fetchRun } from './api-client.js';

type SluiceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: SluiceSocket | null = null;

/** One handler per server event (style.md); each checks its payload before touching a store. */
const handlers: { [E in keyof ServerToClientEvents]: (payload: unknown) => void } = {
  'run:telemetry': (payload) => {
    if (!isTelemetryFrame(payload)) return;
    if (payload.runId !== useRunStore.getState().runId) return;
    const edges = useGraphStore.getState().edges;
    useTelemetryStore.getState().setFrame(payload, findBottlenecks(payload, edges));
  },
  'run:status': (payload) => {
    if (!isRunStatusMessage(payload)) return;
    useRunStore.getState().setStatus(payload.runId, payload.status, payload.error);
    if (!isRunActive(payload.status)) onRunEnded(payload.runId);
  },
  // Browser sinks and log sinks are not in the editor yet; their events are ignored on purpose.
  'sink:items': () => {},
  'run:log': () => {},
};

/** The shared socket.io connection to the same origin, created on first use. */
export function getSocket(): SluiceSocket {
  if (socket) return socket;
  const s: SluiceSocket = io({ transports: ['websocket', 'polling'] });
  for (const [event, handle] of Object.entries(handlers)) {
    s.on(event as keyof ServerToClientEvents, handle as never);
  }
  s.on('connect', () => useRunStore.getState().setConnected(true));
  s.on('disconnect', () => useRunStore.getState().setConnected(false));
  s.on('connect_error', () => useRunStore.getState().setConnected(false));
  // After a reconnect the server has forgotten our subscription: ask again for the live run.
  s.io.on('reconnect', () => {
    const { runId, phase } = useRunStore.getState();
    if (runId && isRunActive(phase)) subscribeRun(runId);
  });
  socket = s;
  return s;
}

/** Subscribes to a run's telemetry; the ack carries its status and latest frame. */
export function subscribeRun(runId: string): void {
  getSocket().emit('run:subscribe', { runId }, (reply) => {
    if (!reply.ok) {
      useRunStore.getState().setRequestError(`Live view unavailable: ${reply.message}`);
      return;
    }
    useRunStore.getState().setStatus(runId, reply.status, reply.error);
    if (reply.frame && isTelemetryFrame(reply.frame)) handlers['run:telemetry'](reply.frame);
    if (!isRunActive(reply.status)) onRunEnded(runId);
  });
}

export function unsubscribeRun(runId: string): void {
  socket?.emit('run:unsubscribe', { runId });
}

/** When a run ends: leave its channel and fetch its final totals and error for the status bar. */
function onRunEnded(runId: string): void {
  useTelemetryStore.getState().end();
  unsubscribeRun(runId);
  fetchRun(runId)
    .then((info) => {
      const run = useRunStore.getState();
      run.setTotals(runId, info.totals);
      run.setStatus(runId, info.status, info.error);
    })
    .catch(() => {
      // Totals are a nicety; the status already arrived over the socket.
    });
}
