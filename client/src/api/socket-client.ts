import { io, type Socket } from 'socket.io-client';
import { findBottlenecks } from '../../../shared/analysis/bottleneck.js';
import { namesOf } from '../../../shared/analysis/node-names.js';
import { withSourceRates } from '../../../shared/analysis/source-peak.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol/socket-events.js';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { DeltaFrames, isTelemetryDelta } from '../../../shared/telemetry/frame-delta.js';
import { noteLiveFrame, noteRunEnded } from '../actions/replay.js';
import { runAveragesOf } from '../lib/run-averages.js';
import { failureOf } from '../lib/run-failure.js';
import { isRunActive } from '../lib/run-gate.js';
import {
  countOf,
  isLogMessage,
  isRunStatusMessage,
  isSinkItemsMessage,
  isTelemetryFrame,
} from '../lib/telemetry-guards.js';
import { traceMessageOf } from '../lib/trace-guards.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useConsoleStore } from '../stores/console-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { isOwner, tokenFor } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';
import {
  AUTO_WINDOW,
  arrive,
  autoTopUp,
  flushArrivals,
  openCredits,
  useSinkStore,
} from '../stores/sink-store.js';
import { tapMessageOf, useTapStore } from '../stores/tap-store.js';
import { flushHistory, recordFrame, runAverages } from '../stores/telemetry-history.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { flushTraceMessages, queueTraceMessage } from '../stores/trace-store.js';
import { fetchRun } from './api-client.js';
import { LiveRuns, type SubscribeReply } from './live-runs.js';

type SluiceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: SluiceSocket | null = null;

const isCurrentRun = (runId: string) => runId === useRunStore.getState().runId;

/** Node id → catalog category, rebuilt only when the node list changes (not per frame). */
let categories: { nodes: unknown; byKind: unknown; map: Map<string, string> } | null = null;
export function categoryOf(nodeId: string): string {
  const { nodes } = useGraphStore.getState();
  const { byKind } = useCatalogStore.getState();
  if (!categories || categories.nodes !== nodes || categories.byKind !== byKind) {
    categories = {
      nodes,
      byKind,
      map: new Map(nodes.map((n) => [n.id, byKind[n.data.kind]?.category ?? 'unknown'])),
    };
  }
  return categories.map.get(nodeId) ?? 'unknown';
}

/**
 * The newest frame not yet shown. Frames reach the overlays once per animation frame, just
 * before the browser paints: two frames arriving between paints (a busy tab, 30 Hz telemetry)
 * cost one render, not two, and a hidden tab renders none (it shows the newest when visible).
 */
let pendingFrame: TelemetryFrame | null = null;
let pendingRaf: number | null = null;

function showFrame(frame: TelemetryFrame): void {
  if (!isCurrentRun(frame.runId)) return;
  const { edges, nodes } = useGraphStore.getState();
  const telemetry = useTelemetryStore.getState();
  // Paused, nothing limits throughput: nodes holding items in service read busy at 0/s (and a
  // replicated worker's replicas 100 %), which named it "the bottleneck at 0/s".
  const paused = useRunStore.getState().phase === 'paused';
  // The frame shown before lets cumulative drop and reject counts read as rates.
  telemetry.setFrame(
    frame,
    paused
      ? {}
      : findBottlenecks(frame, withSourceRates(edges, nodes), telemetry.frame ?? undefined, namesOf(nodes)),
  );
}

/** Shows the pending frame now (a run ended, or a subscription replied with its latest frame). */
function flushFrame(): void {
  if (pendingRaf !== null) cancelAnimationFrame(pendingRaf);
  pendingRaf = null;
  const frame = pendingFrame;
  pendingFrame = null;
  if (frame) showFrame(frame);
}

/**
 * Whether this page subscribes with `delta: true` (docs/telemetry.md): ticks would bring only
 * the fields that changed, rebuilt here into the whole frame before anything else sees it. Off:
 * on the 500-node perf graph it halved the bytes but the zoomed-out view drew fewer frames with
 * it than without (e2e/perf/RESULTS.md, A/B of this switch on one build). Whole frames also
 * come with it on, so both handlers stay.
 */
const SUBSCRIBE_DELTA = false;
const deltaFrames = new DeltaFrames();

/** One handler per server event (style.md); each checks its payload before touching a store. */
const handlers: { [E in keyof ServerToClientEvents]: (payload: unknown) => void } = {
  'run:telemetry': (payload) => {
    if (!isTelemetryFrame(payload) || !isCurrentRun(payload.runId)) return;
    deltaFrames.whole(payload);
    // The charts' history keeps every frame; the canvas shows the newest once per paint.
    recordFrame(payload, categoryOf);
    // The timeline's cache and sparkline keep it too: scrubbing near "now" needs no fetch.
    noteLiveFrame(payload);
    pendingFrame = payload;
    pendingRaf ??= requestAnimationFrame(() => {
      pendingRaf = null;
      flushFrame();
    });
  },
  'run:telemetry-delta': (payload) => {
    if (!isTelemetryDelta(payload) || !isCurrentRun(payload.runId)) return;
    // Not told against the frame held (none yet, another run): the next whole frame resumes.
    const frame = deltaFrames.delta(payload);
    if (frame) handlers['run:telemetry'](frame);
  },
  'run:status': (payload) => {
    if (!isRunStatusMessage(payload)) return;
    useRunStore.getState().setStatus(payload.runId, payload.status, failureOf(payload));
    if (!isRunActive(payload.status)) onRunEnded(payload.runId);
  },
  'sink:items': (payload) => {
    if (!isSinkItemsMessage(payload) || !isCurrentRun(payload.runId)) return;
    const { nodeId, items } = payload;
    const skipped = countOf(payload.skipped) ?? 0;
    arrive(nodeId, items, skipped);
    if (!useSinkStore.getState().sinks[nodeId]?.auto) return;
    const more = autoTopUp(nodeId, items.length + skipped, openCredits(nodeId), performance.now());
    if (more > 0) grantCredits(nodeId, more);
  },
  'run:log': (payload) => {
    if (!isLogMessage(payload) || !isCurrentRun(payload.runId)) return;
    const at = (pendingFrame ?? useTelemetryStore.getState().frame)?.t ?? 0;
    const sampledOut = countOf(payload.sampledOut);
    const skipped = countOf(payload.skipped);
    useConsoleStore.getState().add(payload.nodeId, payload.lines, at, {
      ...(sampledOut === undefined ? {} : { sampledOut }),
      ...(skipped === undefined ? {} : { skipped }),
    });
  },
  'run:trace': (payload) => {
    const message = traceMessageOf(payload);
    if (!message || !isCurrentRun(message.runId)) return;
    queueTraceMessage(message, performance.now());
  },
  'run:tap': (payload) => {
    const message = tapMessageOf(payload);
    if (!message || !isCurrentRun(message.runId)) return;
    useTapStore.getState().add(message);
  },
};

/** The shared socket.io connection to the same origin, created on first use. */
export function getSocket(): SluiceSocket {
  if (socket) return socket;
  // WebSocket only: no long-polling handshake whose requests must all reach one instance, so
  // behind a load balancer any instance serves a (re)connect without sticky sessions.
  const s: SluiceSocket = io({ transports: ['websocket'] });
  for (const [event, handle] of Object.entries(handlers)) {
    s.on(event as keyof ServerToClientEvents, handle as never);
  }
  socket = s;
  live = new LiveRuns(s, {
    delta: SUBSCRIBE_DELTA,
    tokenFor: (runId) => tokenFor(runId),
    onReply: onSubscribeReply,
    onConnection: (up) => useRunStore.getState().setConnected(up),
    onWaiting: (runId, message) => {
      if (isCurrentRun(runId))
        useRunStore.getState().setRequestError(`Live view unavailable: ${message} (trying again)`);
    },
  });
  return s;
}

/** The runs this page watches, subscribed again after every reconnect (live-runs.ts). */
let live: LiveRuns | null = null;
/** Called once a run's first subscription is answered (auto credits, tabs). */
const readyHooks = new Map<string, () => void>();

function onSubscribeReply(runId: string, reply: SubscribeReply, resumed: boolean): void {
  // Another run took the canvas since: its events would be ignored anyway.
  if (resumed && !isCurrentRun(runId)) {
    unsubscribeRun(runId);
    return;
  }
  if (!reply.ok) {
    if (resumed && reply.error === 'not_found') onRunLost(runId);
    else useRunStore.getState().setRequestError(`Live view unavailable: ${reply.message}`);
    return;
  }
  const run = useRunStore.getState();
  if (run.requestError?.startsWith('Live view unavailable')) run.setRequestError(null);
  run.setStatus(runId, reply.status, failureOf(reply));
  if (reply.frame && isTelemetryFrame(reply.frame)) {
    handlers['run:telemetry'](reply.frame);
    flushFrame();
  }
  if (!isRunActive(reply.status)) onRunEnded(runId);
  else if (resumed) regrantCredits();
  else {
    readyHooks.get(runId)?.();
    readyHooks.delete(runId);
  }
}

/** Subscribes to a run's telemetry, now and after every reconnect; the ack carries its status and latest frame. */
export function subscribeRun(runId: string, onReady?: () => void): void {
  getSocket();
  if (onReady) readyHooks.set(runId, onReady);
  live?.watch(runId);
}

export function unsubscribeRun(runId: string): void {
  readyHooks.delete(runId);
  live?.forget(runId);
}

/**
 * After a reconnect: items a browser sink sent while this page was away went nowhere, so the
 * credits they used are forgotten and opened again — auto sinks their window, others what the
 * user had granted and not received. Without it a sink waits for credits this page thinks it
 * already gave, and its items stop for good.
 */
function regrantCredits(): void {
  if (!isOwner()) return;
  flushArrivals();
  const owed = useSinkStore.getState().forgetOpenCredits();
  for (const [nodeId, { auto, open }] of Object.entries(owed)) {
    const n = auto ? Math.max(AUTO_WINDOW, open) : open;
    if (n > 0) grantCredits(nodeId, n);
  }
}

/** A run the server no longer knows after a reconnect (it restarted, or forgot the run): it is over. */
function onRunLost(runId: string): void {
  useRunStore.getState().setStatus(runId, 'failed', {
    message:
      'the server no longer knows this run: it may have restarted while this page was disconnected. The numbers shown are the last received',
  });
  onRunEnded(runId);
}

/**
 * Lets a `browser` sink deliver `n` more items (contract.md `sink:credit`). Counted as granted
 * only when the server acknowledges it, so the outstanding count shown is what the sink holds.
 */
export function grantCredits(nodeId: string, n: number): void {
  const { runId, phase } = useRunStore.getState();
  // Only the run's owner opens a sink's tap; a watcher sees what the owner lets through. While
  // disconnected nothing is granted: socket.io would send it before the resubscription (refused
  // as not subscribed), and the reconnect opens the credits again anyway.
  if (!runId || !isRunActive(phase) || n <= 0 || !isOwner() || !socket?.connected) return;
  useSinkStore.getState().granted(nodeId, n);
  const token = tokenFor(runId);
  getSocket().emit('sink:credit', token ? { runId, nodeId, n, token } : { runId, nodeId, n }, (reply) => {
    if (reply && !reply.ok) {
      useSinkStore.getState().granted(nodeId, -n);
      useRunStore.getState().setRequestError(`Credits not granted to ${nodeId}: ${reply.message}`);
    }
  });
}

/** When a run ends: leave its channel and fetch its final totals and error for the status bar. */
function onRunEnded(runId: string): void {
  flushFrame();
  flushTraceMessages();
  flushArrivals();
  flushHistory();
  const telemetry = useTelemetryStore.getState();
  const last = telemetry.frame;
  telemetry.end(last && last.runId === runId ? runAveragesOf(runAverages(), last) : undefined);
  unsubscribeRun(runId);
  noteRunEnded(runId);
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
