import { parentPort, workerData } from 'node:worker_threads';
import {
  type PartCommand,
  type PartEvent,
  runCommandSubject,
  runEventsSubject,
} from '../../shared/protocol/cluster.js';
import { emptyTotals, type RunTotals } from '../../shared/protocol/telemetry.js';
import { connectionState, connectNats } from '../distributed/cluster.js';
import { natsLinkEdge } from '../distributed/nats-link.js';
import type { NodeInMessage } from '../runtime/node-io.js';
import { type Run, startRun } from '../runtime/start-run.js';
import { ORPHAN_PART_MS, watchCoordinator } from './coordinator-watch.js';
import type { FromPart, PartWorkerData, ToPart } from './part-messages.js';

/**
 * One part of a distributed run, in its own worker thread (as a run is in embedded mode): its own
 * NATS connection, the run's commands in, the part's events out. A crash or an out-of-memory here
 * ends this part and nothing else; the runner then reports it failed.
 */
const port = parentPort!;
const { natsUrl, runnerId, start, nodeEnv, orphanMs = ORPHAN_PART_MS } = workerData as PartWorkerData;
const { runId, part } = start;
const post = (m: FromPart) => port.postMessage(m);

type EventBody = PartEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'partId' | 'runnerId'>
    : never
  : never;

const nc = await connectNats(natsUrl, `sluice-part@${runnerId}/${runId}/${part.partId}`);
const eventsSubject = runEventsSubject(runId);
const link = connectionState(nc);
/** An event over NATS's payload limit, or on a closed connection, is lost rather than thrown. */
function publish(event: EventBody): boolean {
  try {
    nc.publish(eventsSubject, JSON.stringify({ partId: part.partId, runnerId, ...event }));
    return true;
  } catch {
    return false;
  }
}

let run: Run | undefined;
const totals = (): RunTotals => run?.totals() ?? emptyTotals();
let stopReason: string | undefined;
run = startRun(part.plan, {
  runId,
  telemetryHz: start.telemetryHz,
  seed: start.seed,
  nodeEnv,
  brokerEdges: part.brokerEdges,
  linkEdge: natsLinkEdge(nc, { ackWaitMs: start.ackWaitMs }),
  // Publish side of a `nats` edge done: the coordinator tells consumers once every producer has.
  onEdgeClosed: (edgeId) => publish({ type: 'edge-closed', edgeId }),
  onNodeMessage: (nodeId, message) => publish({ type: 'node', nodeId, message }),
  onFrame: (frame) => {
    const t = totals();
    // Frames carry cumulative totals: one skipped while NATS is away is made good by the next.
    if (link.connected) publish({ type: 'frame', frame, totals: t, broker: run?.brokerCounters() ?? {} });
    post({ type: 'totals', totals: t });
  },
  onStatus: (status, error) => {
    publish(error ? { type: 'status', status, error } : { type: 'status', status });
    post({ type: 'totals', totals: totals() });
  },
});
const started = run;

const nodeIds = new Set(part.plan.nodes.map((n) => n.id));
const edgeIds = new Set(part.plan.edges.map((e) => e.id));
const brokerIds = new Set(part.brokerEdges.map((e) => e.edgeId));
function command(c: PartCommand): void {
  switch (c.type) {
    case 'stop':
      started.stop(c.mode === 'drain' ? 'drain' : 'abort');
      return;
    case 'pause':
      return void started.pause();
    case 'resume':
      return void started.resume();
    case 'update-node':
      // Every part hears every command of its run: each acts on its own nodes and edges only.
      if (nodeIds.has(c.nodeId)) started.updateNode(c.nodeId, c.params);
      return;
    case 'update-edge':
      if (edgeIds.has(c.edgeId)) started.updateEdge(c.edgeId, c.capacity, c.overflow, c.expireMs);
      return;
    case 'node':
      if (nodeIds.has(c.nodeId)) started.toNode(c.nodeId, c.message as NodeInMessage);
      return;
    case 'upstream-closed':
      if (brokerIds.has(c.edgeId)) started.upstreamClosed(c.edgeId);
      return;
  }
}

const commands = nc.subscribe(runCommandSubject(runId), {
  callback: (err, msg) => {
    if (err) return;
    try {
      const c = JSON.parse(msg.string()) as PartCommand;
      if (c && typeof c === 'object') command(c);
    } catch {
      // Not a command: the subject is open to anyone connected; nothing to do with it.
    }
  },
});
port.on('message', (m: ToPart) => {
  if (m.type !== 'stop') return;
  stopReason ??= m.reason;
  started.stop(m.mode);
});
// The runner answers StartPart once commands can reach this part (none sent after is lost).
await nc.flush();
post({ type: 'ready' });
const stopWatching = watchCoordinator(nc, eventsSubject, orphanMs, () => {
  stopReason ??= `no coordinator listened to run ${runId} for ${orphanMs / 1000} s (its server is gone)`;
  started.stop('abort');
});

const result = await started.done;
stopWatching();
const error = result.error ?? (stopReason ? { message: stopReason } : undefined);
const sent = publish({
  type: 'done',
  status: result.status,
  ...(error ? { error } : {}),
  totals: result.totals,
});
commands.unsubscribe();
const flushed = await nc.flush().then(
  () => true,
  () => false,
);
// Otherwise the runner sends the done itself from what it knows (the last totals).
if (sent && flushed) post({ type: 'done-published', status: result.status, ...(error ? { error } : {}) });
await nc.drain().catch(() => {});
port.close();
