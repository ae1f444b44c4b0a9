import type { Subscription } from '@nats-io/transport-node';
import type { Plan } from '../../shared/compiler/plan.js';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import {
  HEARTBEAT_MS,
  type PartCommand,
  type PartEvent,
  type PartPlan,
  runCommandSubject,
  runEventsSubject,
} from '../../shared/protocol/cluster.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import { type Clock, realClock } from '../runtime/clock.js';
import type { NodeOutMessage } from '../runtime/node-io.js';
import type { RunResult } from '../runtime/run-handle.js';
import type { RunPartsOptions } from './coordinator-types.js';
import { EdgeClosures } from './edge-closures.js';
import { parsePartEvent, partError } from './part-events.js';
import { checkSilence, type RecoveryHost, replaceParts } from './part-recovery.js';
import { editEdgeLimits, editNodeParams, PartState } from './part-state.js';
import { placeParts, unlistedParts } from './placement.js';
import type { RunBroker } from './run-broker.js';
import { RunFrames } from './run-frames.js';
import { startPartOn } from './start-part.js';

/** Parts report at least this often, so a silent one is noticed even with telemetry off. */
const MIN_PART_HZ = 2;

/**
 * The lifecycle of one distributed run: streams, parts on runners, their events, the merged
 * frames, recovery from a lost runner, and the end (every stream deleted).
 */
export class RunParts {
  status: RunStatus = 'starting';
  error: RunError | undefined;
  readonly startedAtWall: number;
  endedAtWall: number | undefined;
  readonly done: Promise<RunResult>;
  readonly broker: RunBroker;
  private resolve!: (r: RunResult) => void;
  private readonly clock: Clock;
  private readonly startedAt: number;
  private readonly frames: RunFrames;
  private readonly states = new Map<string, PartState>();
  private readonly natsEdges: Plan['edges'];
  private readonly closures: EdgeClosures;
  private readonly recovery: RecoveryHost;
  private sub: Subscription | undefined;
  private offDead: (() => void) | undefined;
  private tickHandle: unknown;
  private stopHandle: unknown;
  private ending = false;
  private abortRequested = false;
  private draining = false;

  constructor(
    plan: Plan,
    parts: PartPlan[],
    runnerOf: ReadonlyMap<string, string>,
    private readonly options: RunPartsOptions,
  ) {
    this.clock = options.clock ?? realClock;
    this.startedAt = this.clock.now();
    this.startedAtWall = this.clock.wallNow();
    this.broker = options.broker;
    this.frames = new RunFrames(options.runId, plan, this.startedAt, options.broker);
    this.natsEdges = plan.edges.filter((e) => e.transport === 'nats');
    this.closures = new EdgeClosures(this.natsEdges, parts);
    for (const p of parts)
      this.states.set(p.partId, new PartState(p, runnerOf.get(p.partId)!, this.startedAt));
    this.done = new Promise((r) => {
      this.resolve = r;
    });
    this.recovery = {
      runId: options.runId,
      now: () => this.clock.now(),
      alive: () => this.options.cluster.registry.alive(),
      parts: () => [...this.states.values()],
      aborting: () => this.stopping,
      start: (s) => this.startPart(s),
      catchUp: (s) => this.catchUp(s),
      fail: (e) => this.fail(e),
      partEnded: () => this.maybeEnd(),
      log: (line, nodeId) => this.log(line, nodeId),
    };
    void this.start();
  }

  private async start(): Promise<void> {
    const { nc } = this.options.cluster;
    // Listen before any part can speak.
    this.sub = nc.subscribe(runEventsSubject(this.options.runId), {
      callback: (err, msg) => {
        if (err) return;
        const event = parsePartEvent(msg.data);
        if (event) this.onEvent(event);
      },
    });
    this.offDead = this.options.cluster.registry.onDead((id) => this.runnerLost(id, 'was lost'));
    try {
      for (const e of this.natsEdges) await this.broker.create(e);
      // Every start settles before anything is decided: on the first refusal the others may
      // still be starting, and a part that starts after the stop was sent would miss it and
      // hold its runner slot until its orphan check (15 s).
      const starts = await Promise.allSettled([...this.states.values()].map((s) => this.startPart(s)));
      const refused = starts.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (refused) throw refused.reason;
    } catch (err) {
      return this.fail({ message: err instanceof Error ? err.message : String(err) });
    }
    // Ended while parts were starting (a stop's wait ran out): the late ones are told too.
    if (this.ending) {
      try {
        this.relay({ type: 'stop', mode: 'abort' });
      } catch {
        // The connection closed with the run's end: the parts' orphan check is what is left.
      }
      return;
    }
    this.setStatus(this.draining ? 'draining' : 'running');
    // A stop that came while parts were starting reached only some of them.
    if (this.abortRequested) this.relay({ type: 'stop', mode: 'abort' });
    else if (this.draining) this.relay({ type: 'stop', mode: 'drain' });
    this.armTick();
  }

  /** Starts a part on its runner. A start that fails after the part moved (its runner died meanwhile) is the old runner's, not the part's. */
  private async startPart(s: PartState, attempt = 0): Promise<void> {
    const o = this.options;
    const runnerId = s.runnerId;
    try {
      await startPartOn(o.cluster.nc, runnerId, {
        runId: o.runId,
        part: s.part,
        telemetryHz: Math.max(MIN_PART_HZ, o.telemetryHz ?? 10),
        ackWaitMs: o.ackWaitMs ?? 5_000,
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
      });
    } catch (err) {
      if (s.runnerId !== runnerId) return;
      // Another coordinator (another server instance) took that slot since the runner's last
      // heartbeat: after the next heartbeats, a runner with room takes the part (a few tries).
      if (attempt >= 3 || !/slots in use/.test(String(err)) || this.abortRequested) throw err;
      await new Promise((r) => setTimeout(r, HEARTBEAT_MS));
      const other = this.roomFor(s);
      if (other === undefined || s.runnerId !== runnerId) throw err;
      s.runnerId = other;
      return this.startPart(s, attempt + 1);
    }
    if (s.runnerId !== runnerId) return;
    s.started = true;
    s.lastHeard = this.clock.now();
  }

  private roomFor(s: PartState): string | undefined {
    const alive = this.options.cluster.registry.alive();
    const placed = new Map(
      [...this.states.values()].filter((p) => p !== s).map((p) => [p.partId, p.runnerId]),
    );
    const placement = placeParts([s.partId], alive, unlistedParts(this.options.runId, placed, alive));
    return placement.ok ? placement.runnerOf.get(s.partId) : undefined;
  }

  /** Each part still running or starting, and the runner it is placed on. */
  placed(): Map<string, string> {
    return new Map([...this.states.values()].filter((s) => !s.done).map((s) => [s.partId, s.runnerId]));
  }

  private onEvent(e: PartEvent): void {
    const s = this.states.get(e.partId);
    // Events of an earlier incarnation (a runner declared dead that still speaks) are not this part's.
    if (!s || s.runnerId !== e.runnerId || this.ending) return;
    s.lastHeard = this.clock.now();
    if (e.type === 'frame') {
      s.frame = e.frame;
      s.update(e.totals, e.broker);
    } else if (e.type === 'node') {
      this.options.onNodeMessage?.(e.nodeId, e.message as NodeOutMessage);
    } else if (e.type === 'edge-closed') {
      if (this.closures.close(e.edgeId, e.partId)) this.relay({ type: 'upstream-closed', edgeId: e.edgeId });
    } else if (e.type === 'status' && e.status === 'failed') {
      this.fail(partError(e.partId, e.error));
    } else if (e.type === 'done') {
      s.update(e.totals);
      s.done = { status: e.status, ...(e.error ? { error: e.error } : {}) };
      if (e.status === 'failed') this.fail(partError(e.partId, e.error));
      // Stopped without being told (its runner shut down): it runs again elsewhere.
      else if (e.status === 'stopped' && !this.stopping)
        replaceParts(this.recovery, [s], s.runnerId, 'stopped it');
      else this.maybeEnd();
    }
  }

  /** The parts were told to abort (a stop, or a failure): one that ends now is not lost. */
  private get stopping(): boolean {
    return this.abortRequested || this.error !== undefined;
  }

  relay(command: PartCommand): void {
    this.options.cluster.nc.publish(runCommandSubject(this.options.runId), JSON.stringify(command));
  }

  /**
   * A coordinator's note: on the run console under `nodeId` (as a node's own notes are, e.g. a
   * file sink's), so the user sees a part moved or a stream refused a change; else to `onLog`.
   */
  log(line: string, nodeId?: string): void {
    // Without a node channel (the CLI's), the note still goes out, naming its node.
    if (nodeId !== undefined && this.options.onNodeMessage)
      this.options.onNodeMessage(nodeId, { type: 'log', lines: [line], sampledOut: 0 });
    else this.options.onLog?.(nodeId === undefined ? line : `${nodeId}: ${line}`);
  }

  stop(mode: 'abort' | 'drain'): void {
    if (this.ending || isFinished(this.status)) return;
    if (mode === 'drain') {
      if (this.draining || this.abortRequested) return;
      this.draining = true;
      if (this.status !== 'starting') this.setStatus('draining');
      this.relay({ type: 'stop', mode: 'drain' });
      return;
    }
    if (this.abortRequested) return;
    this.abortRequested = true;
    this.relay({ type: 'stop', mode: 'abort' });
    this.armStopWait();
  }

  setPaused(paused: boolean): void {
    this.relay({ type: paused ? 'pause' : 'resume' });
    this.setStatus(paused ? 'paused' : 'running');
  }

  /** Keeps the parts' plans current, so a part started again runs with today's params. */
  editNode(nodeId: string, params: Record<string, unknown>): void {
    editNodeParams(this.states.values(), nodeId, params);
  }

  /** As `editNode`, for an edge; true when it is a `nats` edge (its stream changes first). */
  editEdge(edgeId: string, capacity: number, overflow: Overflow): boolean {
    editEdgeLimits(this.states.values(), edgeId, capacity, overflow);
    const nats = this.natsEdges.some((e) => e.id === edgeId);
    if (nats) this.frames.merger.setEdge(edgeId, capacity, overflow);
    return nats;
  }

  /** The node a `nats` edge feeds. */
  targetOf(edgeId: string): string | undefined {
    return this.natsEdges.find((e) => e.id === edgeId)?.target;
  }

  totals(): RunTotals {
    return this.frames.totals(this.snapshots());
  }

  terminate(): void {
    if (this.ending) return;
    this.relay({ type: 'stop', mode: 'abort' });
    void this.end('stopped');
  }

  private snapshots() {
    return [...this.states.values()].map((s) => s.snapshot());
  }

  private armTick(): void {
    const hz = this.options.telemetryHz ?? 10;
    const every = hz > 0 ? 1000 / hz : 500;
    this.tickHandle = this.clock.setTimeout(() => {
      this.tickHandle = undefined;
      if (this.ending) return;
      checkSilence(this.recovery);
      if (hz > 0) void this.emitFrame();
      this.armTick();
    }, every);
  }

  get latest(): TelemetryFrame | null {
    return this.frames.latest;
  }

  private async emitFrame(final = false): Promise<void> {
    const frame = await this.frames.next(
      () => this.clock.now(),
      () => this.clock.wallNow(),
      () => this.snapshots(),
      final,
    );
    if (frame && (final || !this.ending)) this.options.onFrame?.(frame);
  }

  /** A runner died: its unfinished parts start again elsewhere, or the run fails naming it. */
  private runnerLost(runnerId: string, why: string): void {
    if (this.ending) return;
    const lost = [...this.states.values()].filter((s) => s.runnerId === runnerId && !s.done);
    replaceParts(this.recovery, lost, runnerId, why);
  }

  /** A part started again missed the commands of the run so far that still matter. */
  private catchUp(s: PartState): void {
    for (const b of s.part.brokerEdges)
      if (b.role !== 'publish' && this.closures.isClosed(b.edgeId))
        this.relay({ type: 'upstream-closed', edgeId: b.edgeId });
    if (this.stopping) this.relay({ type: 'stop', mode: 'abort' });
    else if (this.draining) this.relay({ type: 'stop', mode: 'drain' });
    else if (this.status === 'paused') this.relay({ type: 'pause' });
  }

  fail(error: RunError): void {
    if (this.ending || this.error) return;
    this.error = error;
    this.relay({ type: 'stop', mode: 'abort' });
    this.armStopWait();
    this.maybeEnd();
  }

  private armStopWait(): void {
    if (this.stopHandle !== undefined) return;
    this.stopHandle = this.clock.setTimeout(
      () => void this.end(this.error ? 'failed' : 'stopped'),
      this.options.stopWaitMs ?? 10_000,
    );
  }

  private maybeEnd(): void {
    const states = [...this.states.values()];
    if (!states.every((s) => s.done)) return;
    const status: RunStatus = this.error
      ? 'failed'
      : this.abortRequested || states.some((s) => s.done!.status === 'stopped')
        ? 'stopped'
        : 'completed';
    void this.end(status);
  }

  private async end(status: RunStatus): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    if (this.tickHandle !== undefined) this.clock.clearTimeout(this.tickHandle);
    if (this.stopHandle !== undefined) this.clock.clearTimeout(this.stopHandle);
    this.offDead?.();
    this.sub?.unsubscribe();
    // The last frame carries the final totals, with every rate at 0, before the final status.
    await this.emitFrame(true).catch(() => {});
    await this.broker
      .deleteAll()
      .catch((err) => this.log(`streams of the run could not be deleted: ${String(err)}`));
    this.endedAtWall = this.clock.wallNow();
    this.setStatus(status);
    this.resolve({
      status,
      ...(this.error ? { error: this.error } : {}),
      totals: this.totals(),
      durationMs: this.endedAtWall - this.startedAtWall,
    });
  }

  private setStatus(status: RunStatus): void {
    if (this.status === status || isFinished(this.status)) return;
    this.status = status;
    this.options.onStatus?.(status, isFinished(status) ? this.error : undefined);
  }
}
