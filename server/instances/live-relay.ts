import { EventEmitter } from 'node:events';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { type LiveKind, runLiveSubject, runLiveWildcard } from '../../shared/protocol/instances.js';
import type { RunStatusMessage } from '../../shared/protocol/socket-events.js';
import type { RunManager, RunManagerEvents } from '../runs/run-manager.js';
import type { Item } from '../runtime/node-behavior.js';

/** The events the telemetry gateway relays to sockets, whether the run is here or elsewhere. */
export type LiveEvents = Pick<
  RunManagerEvents,
  'frame' | 'status' | 'sink:items' | 'run:log' | 'trace' | 'tap'
>;

/**
 * The coordinator's side: every event of its runs goes out on `sluice.run.<runId>.live.<kind>`.
 * Statuses always (the registry and any watcher need them); the high-rate kinds only while some
 * other instance watches the run (`watched`), so a run no one elsewhere watches costs nothing.
 */
export function publishLive(nc: NatsConnection, runs: RunManager, watched: (runId: string) => boolean): void {
  const send = (runId: string, kind: LiveKind, payload: unknown) => {
    if (nc.isClosed()) return;
    nc.publish(runLiveSubject(runId, kind), JSON.stringify(payload));
  };
  runs.on('frame', (frame) => {
    if (watched(frame.runId)) send(frame.runId, 'frame', frame);
  });
  runs.on('status', (runId, status, error, reason) => {
    const m: RunStatusMessage = { runId, status };
    if (error) m.error = error;
    if (reason !== undefined) m.reason = reason;
    send(runId, 'status', m);
  });
  runs.on('sink:items', (runId, nodeId, items) => {
    if (watched(runId)) send(runId, 'items', { runId, nodeId, items });
  });
  runs.on('run:log', (runId, nodeId, lines, sampledOut) => {
    if (watched(runId)) send(runId, 'log', { runId, nodeId, lines, sampledOut });
  });
  runs.on('trace', (m) => {
    if (watched(m.runId)) send(m.runId, 'trace', m);
  });
  runs.on('tap', (m) => {
    if (watched(m.runId)) send(m.runId, 'tap', m);
  });
}

/**
 * A watching instance's side: one NATS subscription per remote run some local socket watches,
 * its messages re-emitted as the same events the `RunManager` emits, so the gateway serves both
 * the same way (per-socket outboxes and frame coalescing stay per socket).
 */
export class RemoteRuns extends EventEmitter<LiveEvents> {
  private readonly subs = new Map<string, Subscription>();

  constructor(private readonly nc: NatsConnection) {
    super();
  }

  follows(runId: string): boolean {
    return this.subs.has(runId);
  }

  follow(runId: string): void {
    if (this.subs.has(runId) || this.nc.isClosed()) return;
    const sub = this.nc.subscribe(runLiveWildcard(runId), {
      callback: (err, msg) => {
        if (err) return;
        const kind = msg.subject.slice(msg.subject.lastIndexOf('.') + 1) as LiveKind;
        let m: Record<string, unknown>;
        try {
          m = msg.json<Record<string, unknown>>();
        } catch {
          return;
        }
        // Only what is about this run: a stray publish cannot reach another run's watchers.
        if (typeof m !== 'object' || m === null || m.runId !== runId) return;
        this.dispatch(kind, m);
      },
    });
    this.subs.set(runId, sub);
  }

  unfollow(runId: string): void {
    this.subs.get(runId)?.unsubscribe();
    this.subs.delete(runId);
  }

  /** A status that did not come from the coordinator (it died): delivered like one. */
  deliverStatus(m: RunStatusMessage): void {
    this.emit('status', m.runId, m.status, m.error, m.reason);
  }

  private dispatch(kind: LiveKind, m: Record<string, unknown>): void {
    const runId = m.runId as string;
    switch (kind) {
      case 'frame':
        this.emit('frame', m as never);
        break;
      case 'status':
        this.deliverStatus(m as unknown as RunStatusMessage);
        break;
      case 'items':
        if (Array.isArray(m.items)) this.emit('sink:items', runId, String(m.nodeId), m.items as Item[]);
        break;
      case 'log':
        if (Array.isArray(m.lines))
          this.emit('run:log', runId, String(m.nodeId), m.lines as string[], Number(m.sampledOut) || 0);
        break;
      case 'trace':
        this.emit('trace', m as never);
        break;
      case 'tap':
        this.emit('tap', m as never);
        break;
    }
  }

  close(): void {
    for (const sub of this.subs.values()) sub.unsubscribe();
    this.subs.clear();
  }
}
