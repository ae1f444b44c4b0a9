import { EventEmitter } from 'node:events';
import { nanoid } from 'nanoid';
import { type CompileResult, compileGraph } from '../../shared/compiler/compile.js';
import { resolveFusion } from '../../shared/compiler/fuse-plan.js';
import type { Issue } from '../../shared/compiler/issue.js';
import type { Plan } from '../../shared/compiler/plan.js';
import { isDistributed } from '../../shared/graph/edge-transport.js';
import type { RunInfo } from '../../shared/protocol/api.js';
import type { RunnerInfo } from '../../shared/protocol/cluster.js';
import type {
  EmptyQueueResponse,
  QueueListing,
  TapMessage,
  TapResponse,
} from '../../shared/protocol/queue-inspect.js';
import type { RunError, RunStatus, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import type { DroppedItem, TraceDetail, TraceMessage, TraceResponse } from '../../shared/protocol/trace.js';
import type { Limits } from '../config.js';
import type { CoordinatorCluster } from '../distributed/coordinator-types.js';
import { DistributedRun } from '../distributed/distributed-run.js';
import { unlistedParts } from '../distributed/placement.js';
import { startDistributed } from '../distributed/start-distributed.js';
import { HttpError } from '../http/api-error.js';
import { type Clock, realClock } from '../runtime/clock.js';
import { type DiskBudget, diskBudget, giveBack, takenBytes } from '../runtime/disk-budget.js';
import { checkUrl, DEFAULT_EGRESS, egressPolicy } from '../runtime/egress-policy.js';
import type { Item } from '../runtime/node-behavior.js';
import type { NodeEnv } from '../runtime/node-io.js';
import { defaultDataDir, pruneRunDirs, runFilesBytes } from '../runtime/run-files.js';
import type { RunHandle } from '../runtime/run-handle.js';
import { startRun } from '../runtime/start-run.js';
import { SpareRunThread } from '../runtime/worker/spare-run-thread.js';
import { WorkerRun } from '../runtime/worker/worker-run.js';
import { type ConnectorEnv, connectorIssues } from './connector-checks.js';
import type { IngestWindow } from './ingest-window.js';
import { emptyQueue, queueItems, setTap } from './queue-inspect.js';
import { RunAccess, type RunRole } from './run-access.js';
import { RunIo } from './run-io.js';
import { edgeDrops, startTrace, traceDetail } from './run-traces.js';
import { sourceRateIssues } from './source-rate-limit.js';
import { TraceBook } from './trace-book.js';

/** Finished runs kept for `GET /api/runs/:id`; older ones are forgotten (memory is bounded everywhere). */
const KEEP_FINISHED = 200;
/** How long `stopAll` lets a run end by itself before terminating its thread. */
const STOP_ALL_TERMINATE_MS = 3_000;

const runsAre = (n: number) => (n === 1 ? '1 run is' : `${n} runs are`);

/** Retry-After on 429 `too_many_runs`: a guess; runs end when their owners stop them. */
const RETRY_RUN_AFTER_S = 10;

export interface RunManagerEvents {
  frame: [frame: TelemetryFrame];
  tap: [message: TapMessage];
  /** `reason`: why the server ended the run, when it did (duration limit, shutdown). */
  status: [runId: string, status: RunStatus, error?: RunError, reason?: string];
  /** Items a `browser` sink delivered against credits. */
  'sink:items': [runId: string, nodeId: string, items: Item[]];
  /** Sampled lines of a `log` sink, and its sampled-out total. */
  'run:log': [runId: string, nodeId: string, lines: string[], sampledOut: number];
  /** Hops of followed items (issue 18). */
  trace: [message: TraceMessage];
  /** A run was admitted and started (the instance registry records it, issue 19). */
  started: [runId: string];
  /** Its owner changed its settings (`PATCH /api/runs/:id`); `graphId` when it has a saved graph. */
  configured: [runId: string, settings: { keepRunning: boolean; shareWatch: boolean }, graphId?: string];
}

/** Where the I/O kinds reach outside the run (`createApp`'s `dataDir`, `httpPostAllow`, `natsAllow`, `tailDir`). */
export interface RunIoConfig extends ConnectorEnv {
  dataDir?: string;
  httpPostAllow?: readonly string[];
  /** Distributed mode (SLUICE_NATS_URL): graphs using `process`, `replicas` or `nats` edges run on runners. */
  cluster?: CoordinatorCluster;
  /**
   * One of many stateless instances (SLUICE_CLUSTER=1, docs/instances.md): every run executes on
   * runners, so runner slots bound concurrent runs instead of SLUICE_MAX_RUNS.
   */
  allOnRunners?: boolean;
  /**
   * Keep one run thread started ahead, its runtime loaded (`SpareRunThread`): Run then waits for
   * no module loading. On in the server (main.ts); tests that want it ask for it.
   */
  spareRunThread?: boolean;
}

type Entry = {
  run: RunHandle;
  plan: Plan;
  io: RunIo;
  /** Followed items' hops, for `GET /api/runs/:id/traces/:traceId`. */
  traces: TraceBook;
  stopReason?: string;
  timer?: NodeJS.Timeout;
  access: RunAccess;
  /** The saved graph it was started from (`{ graphId }`); a `{ graph }` run has none. */
  graphId?: string;
  /** Keeps executing with no one watching. */
  keepRunning: boolean;
  /** Its watch link is published on its saved graph (`GET /api/graphs/:id/live-run`). */
  shareWatch: boolean;
  /** Sockets subscribed right now (on this instance), and whether any ever was. */
  watchers: number;
  /** Sockets other instances report watching it (SLUICE_CLUSTER), by instance id. */
  remoteWatchers?: Map<string, number>;
  everWatched?: boolean;
  /** Pending stop after the last watcher left (orphan grace). */
  orphanTimer?: unknown;
  /** Frames per second it was started with (its recording's rate). */
  telemetryHz: number;
  /** Edges tapped now (issue 20). */
  taps: Set<string>;
};

/** How a run is started besides its graph. */
export interface StartOptions {
  keepRunning?: boolean;
  /** Fast path for the whole run (issue 21): fuse every fusable edge (`fuse: false` edges excepted). */
  fuse?: boolean;
  graphId?: string;
}

/** Owns every run: admission (limits), lifecycle, and the relay of frames and status to listeners. */
export class RunManager extends EventEmitter<RunManagerEvents> {
  private readonly runs = new Map<string, Entry>();
  /**
   * The document each remembered run executes, for `GET /api/runs/:id` (a watch page draws it;
   * a reload checks it is the graph on its canvas). Bounded with `runs`.
   */
  private readonly graphs = new Map<string, unknown>();
  private readonly nodeEnv: NodeEnv;
  /** Every run's file sinks together, shared with the runs' threads (SLUICE_MAX_FILES_BYTES). */
  private readonly filesBudget: DiskBudget;
  private readonly cluster: CoordinatorCluster | undefined;
  private readonly allOnRunners: boolean;
  private readonly spare: SpareRunThread | undefined;

  constructor(
    private readonly limits: Limits,
    private readonly clock?: Clock,
    /** `worker` (default): each run in its own thread. `inline`: in this thread (fake clocks in tests). */
    private readonly isolation: 'worker' | 'inline' = clock ? 'inline' : 'worker',
    io: RunIoConfig = {},
  ) {
    super();
    this.cluster = io.cluster;
    this.allOnRunners = !!io.cluster && io.allOnRunners === true;
    if (io.spareRunThread && isolation === 'worker') {
      this.spare = new SpareRunThread(limits.runMemoryMb);
      this.spare.prime();
    }
    this.nodeEnv = {
      dataDir: io.dataDir ?? defaultDataDir(),
      maxFileBytes: limits.maxFileBytes,
      httpPostAllow: io.httpPostAllow ?? DEFAULT_EGRESS,
      natsAllow: io.natsAllow ?? DEFAULT_EGRESS,
      ...(io.tailDir !== undefined ? { tailDir: io.tailDir } : {}),
    };
    // Starts from what earlier runs (and earlier processes) left on disk.
    this.filesBudget = diskBudget(
      "the server's run files",
      limits.maxFilesBytes,
      'SLUICE_MAX_FILES_BYTES',
      runFilesBytes(this.nodeEnv.dataDir!),
    );
  }

  /**
   * Compiles and starts a graph. Throws HttpError 400 (with located issues) or 429. `compiled`:
   * the graph already compiled elsewhere (the HTTP route does it in the validation thread).
   */
  start(
    graph: unknown,
    telemetryHz: number,
    compiled: CompileResult = compileGraph(graph, { natsConfigured: !!this.cluster }),
    startOptions: StartOptions = {},
  ): RunHandle {
    // The validation thread compiles without knowing the server: a distributed graph needs NATS.
    if (compiled.ok && !this.cluster && isDistributed(compiled.graph))
      compiled = compileGraph(graph, { natsConfigured: false });
    if (!compiled.ok)
      throw new HttpError(400, 'compile_failed', 'the graph does not compile', compiled.issues);
    const limitIssues = this.checkLimits(
      compiled.plan,
      compiled.graph.nodes.map((n) => n.id),
    );
    if (limitIssues.length > 0)
      throw new HttpError(400, 'limit_exceeded', limitIssues[0]!.message, limitIssues);
    const egressIssues = this.checkEgress(
      compiled.plan,
      compiled.graph.nodes.map((n) => n.id),
    );
    const connectors = connectorIssues(
      compiled.plan,
      compiled.graph.nodes.map((n) => n.id),
      this.nodeEnv,
    );
    egressIssues.push(...connectors.egress);
    if (egressIssues.length > 0)
      throw new HttpError(400, 'egress_forbidden', egressIssues[0]!.message, egressIssues);
    if (connectors.config.length > 0)
      throw new HttpError(400, 'compile_failed', connectors.config[0]!.message, connectors.config);
    if (!this.allOnRunners && this.activeCount() >= this.limits.maxConcurrentRuns) {
      throw new HttpError(
        429,
        'too_many_runs',
        `${runsAre(this.limits.maxConcurrentRuns)} already executing (the limit, SLUICE_MAX_RUNS). Stop one of yours from the Runs panel, or wait for one to finish, then try again.`,
        undefined,
        { 'Retry-After': String(RETRY_RUN_AFTER_S) },
      );
    }
    // The run option: every edge that can run fused does, unless its document says `fuse: false`.
    if (startOptions.fuse) resolveFusion(compiled.plan, { all: true });
    const runId = nanoid(12);
    const access = new RunAccess(
      compiled.plan.nodes.filter((n) => n.kind === 'http-ingest').map((n) => n.id),
    );
    const io = new RunIo(compiled.plan, {
      items: (nodeId, items) => this.emit('sink:items', runId, nodeId, items),
      log: (nodeId, lines, sampledOut) => this.emit('run:log', runId, nodeId, lines, sampledOut),
    });
    const traces = new TraceBook();
    const options = {
      runId,
      telemetryHz,
      onTrace: (messages: TraceMessage[]) => {
        for (const m of messages) {
          traces.add(m);
          this.emit('trace', m);
        }
      },
      onFrame: (frame: TelemetryFrame) => this.emit('frame', frame),
      onTap: (message: TapMessage) => this.emit('tap', message),
      onStatus: (status: RunStatus, error?: RunError) =>
        this.emit('status', runId, status, error, isFinished(status) ? this.stopReason(runId) : undefined),
      onNodeMessage: io.fromNode,
      nodeEnv: {
        ...this.nodeEnv,
        filesBudget: this.filesBudget,
        runFilesBudget: diskBudget(
          "the run's files",
          this.limits.maxRunFilesBytes,
          'SLUICE_MAX_RUN_FILES_BYTES',
        ),
      },
    };
    const run: RunHandle =
      this.cluster && (this.allOnRunners || isDistributed(compiled.graph))
        ? this.startOnRunners(compiled.plan, options)
        : this.isolation === 'worker'
          ? new WorkerRun(compiled.plan, { ...options, memoryMb: this.limits.runMemoryMb, spare: this.spare })
          : startRun(compiled.plan, { ...options, clock: this.clock });
    io.attach(run);
    const entry: Entry = {
      run,
      plan: compiled.plan,
      io,
      traces,
      access,
      keepRunning: startOptions.keepRunning ?? false,
      shareWatch: false,
      watchers: 0,
      telemetryHz,
      taps: new Set(),
    };
    if (startOptions.graphId !== undefined) entry.graphId = startOptions.graphId;
    entry.timer = setTimeout(() => {
      entry.stopReason = `run duration limit of ${Math.round(this.limits.maxRunDurationMs / 1000)} s reached`;
      run.stop('abort');
    }, this.limits.maxRunDurationMs);
    entry.timer.unref();
    if (compiled.plan.nodes.some((n) => n.kind === 'file')) this.pruneRunFiles();
    this.runs.set(runId, entry);
    this.graphs.set(runId, compiled.graph);
    this.emit('started', runId);
    void run.done.then(() => {
      traces.close();
      clearTimeout(entry.timer);
      this.disarmOrphan(entry);
      this.forgetOldRuns();
    });
    return run;
  }

  private startOnRunners(
    plan: Plan,
    options: Omit<Parameters<typeof startDistributed>[1], 'cluster'>,
  ): RunHandle {
    const cluster = this.cluster!;
    try {
      return startDistributed(plan, { ...options, cluster, clock: this.clock }, (alive) =>
        this.inFlight(alive),
      );
    } catch (err) {
      // Every run is on runners here: a full cluster is this deployment's run limit.
      if (!this.allOnRunners || !(err instanceof HttpError) || err.code !== 'no_runner_slot') throw err;
      throw new HttpError(
        429,
        'too_many_runs',
        `every runner slot is taken: ${err.message.replace(/\. Start a runner.*$/, '')} (the limit is the runners' slots, SLUICE_RUNNER_SLOTS on each runner). Stop one of your runs, wait for one to finish, or start another runner (npm run runner), then try again.`,
        undefined,
        { 'Retry-After': String(RETRY_RUN_AFTER_S) },
      );
    }
  }

  /**
   * Parts of this server's runs that runners' heartbeats do not list yet (just placed): a burst
   * of starts (a class pressing Run at once) spreads over the runners instead of piling onto
   * the one that looked emptiest a heartbeat ago.
   */
  private inFlight(alive: RunnerInfo[]): Map<string, number> {
    const extra = new Map<string, number>();
    for (const [runId, { run }] of this.runs) {
      if (!(run instanceof DistributedRun) || isFinished(run.status)) continue;
      for (const [runner, n] of unlistedParts(runId, run.placed(), alive))
        extra.set(runner, (extra.get(runner) ?? 0) + n);
    }
    return extra;
  }

  /** Frames per second the run was started with. */
  telemetryHzOf(runId: string): number | undefined {
    return this.runs.get(runId)?.telemetryHz;
  }

  /** The saved graph the run was started from, if it was. */
  graphIdOf(runId: string): string | undefined {
    return this.runs.get(runId)?.graphId;
  }

  /** The run's tokens and ingest keys. */
  accessOf(runId: string): RunAccess | undefined {
    return this.runs.get(runId)?.access;
  }

  /**
   * The run, if `token` may read it (`read`: run or watch token) or control it (`control`: run
   * token). Throws 404 for an unknown run, 401 without a token, 403 with a wrong one.
   */
  authorize(
    runId: string,
    token: string | undefined,
    need: 'read' | 'control',
  ): { run: RunHandle; role: RunRole } {
    const entry = this.runs.get(runId);
    if (!entry) throw new HttpError(404, 'not_found', `no run "${runId}"`);
    const role = need === 'control' ? entry.access.checkOwner(token) : entry.access.check(token);
    if (role === 'unauthorized') {
      const what = need === 'control' ? "the run's token" : "the run's token or watch token";
      throw new HttpError(401, 'unauthorized', `this needs ${what}: Authorization: Bearer <token>`);
    }
    if (role === 'forbidden') {
      const what =
        need === 'control'
          ? "the run's token (a watch token only watches)"
          : "the run's token or watch token";
      throw new HttpError(403, 'forbidden', `the token is not ${what}`);
    }
    return { run: entry.run, role };
  }

  /** An ingest post may go on: 404 unknown run, 401 no key, 403 neither the node's key nor the run token. */
  authorizeIngest(runId: string, nodeId: string, token: string | undefined): void {
    const entry = this.runs.get(runId);
    if (!entry) throw new HttpError(404, 'not_found', `no run "${runId}"`);
    const check = entry.access.checkIngest(nodeId, token);
    if (check === 'unauthorized')
      throw new HttpError(
        401,
        'unauthorized',
        "posting items needs the node's ingest key: Authorization: Bearer <ingestKey>",
      );
    if (check === 'forbidden')
      throw new HttpError(403, 'forbidden', `the key is not the ingest key of node "${nodeId}"`);
  }

  /** Owner settings of a run (`PATCH /api/runs/:id`); returns them as they now are. */
  configure(
    runId: string,
    change: { keepRunning?: boolean; shareWatch?: boolean },
  ): { keepRunning: boolean; shareWatch: boolean } {
    const entry = this.runs.get(runId);
    if (!entry) throw new HttpError(404, 'not_found', `no run "${runId}"`);
    if (change.shareWatch === true && entry.graphId === undefined) {
      throw new HttpError(
        409,
        'not_saved',
        'this run was started from an unsaved graph, so there is no saved graph to publish its watch link on; share the watch link itself instead',
      );
    }
    if (change.shareWatch !== undefined) entry.shareWatch = change.shareWatch;
    if (change.keepRunning !== undefined) {
      entry.keepRunning = change.keepRunning;
      if (entry.keepRunning) this.disarmOrphan(entry);
      // Turned off while no one watches (after someone did): the grace starts now.
      else if (entry.watchers + remoteSum(entry) === 0 && entry.everWatched) this.armOrphan(entry);
    }
    const settings = { keepRunning: entry.keepRunning, shareWatch: entry.shareWatch };
    this.emit('configured', runId, settings, entry.graphId);
    return settings;
  }

  /** Owner-only facts for `GET /api/runs/:id`. */
  ownerInfo(runId: string): Pick<RunInfo, 'watchToken' | 'ingestKeys' | 'keepRunning' | 'shareWatch'> {
    const entry = this.runs.get(runId);
    if (!entry) throw new HttpError(404, 'not_found', `no run "${runId}"`);
    return {
      watchToken: entry.access.watchToken,
      ingestKeys: entry.access.ingestKeysRecord(),
      keepRunning: entry.keepRunning,
      shareWatch: entry.shareWatch,
    };
  }

  /** The newest live run of a saved graph whose owner published its watch link. */
  liveRunOf(graphId: string): { runId: string; watchToken: string; status: RunStatus } | undefined {
    let found: { runId: string; watchToken: string; status: RunStatus } | undefined;
    // Map order is start order, so the last match is the newest.
    for (const [runId, e] of this.runs) {
      if (e.graphId !== graphId || !e.shareWatch || isFinished(e.run.status)) continue;
      found = { runId, watchToken: e.access.watchToken, status: e.run.status };
    }
    return found;
  }

  /**
   * How many sockets watch a run now (the telemetry gateway reports every change). When the count
   * drops to 0 from 1 or more the orphan grace starts, unless the run keeps running; a new
   * watcher cancels it. A run that was never watched (a script's) is left alone.
   */
  setWatchers(runId: string, count: number): void {
    const entry = this.runs.get(runId);
    if (!entry) return;
    const before = entry.watchers + remoteSum(entry);
    entry.watchers = count;
    this.watchersChanged(entry, before);
  }

  /**
   * Sockets another instance watches the run with (SLUICE_CLUSTER), counted with this instance's
   * own for the orphan grace and the subscriber limit. 0 forgets that instance.
   */
  setRemoteWatchers(runId: string, instance: string, count: number): void {
    const entry = this.runs.get(runId);
    if (!entry) return;
    const before = entry.watchers + remoteSum(entry);
    entry.remoteWatchers ??= new Map();
    if (count > 0) entry.remoteWatchers.set(instance, count);
    else entry.remoteWatchers.delete(instance);
    this.watchersChanged(entry, before);
  }

  /** Sockets watching the run on every instance (eventually consistent across instances). */
  watcherCount(runId: string, exceptInstance?: string): number {
    const entry = this.runs.get(runId);
    if (!entry) return 0;
    return entry.watchers + remoteSum(entry) - (entry.remoteWatchers?.get(exceptInstance ?? '') ?? 0);
  }

  private watchersChanged(entry: Entry, before: number): void {
    const count = entry.watchers + remoteSum(entry);
    if (count > 0) {
      entry.everWatched = true;
      this.disarmOrphan(entry);
    } else if (before > 0 && !entry.keepRunning && !isFinished(entry.run.status)) {
      this.armOrphan(entry);
    }
  }

  private armOrphan(entry: Entry): void {
    this.disarmOrphan(entry);
    const clock = this.clock ?? realClock;
    const grace = this.limits.orphanGraceMs;
    entry.orphanTimer = clock.setTimeout(() => {
      entry.orphanTimer = undefined;
      if (entry.watchers + remoteSum(entry) > 0 || entry.keepRunning || isFinished(entry.run.status)) return;
      entry.stopReason = `no one watching for ${Math.round(grace / 1000)} s`;
      entry.run.stop('abort');
    }, grace);
    // A pending orphan stop must not keep the process alive on its own.
    (entry.orphanTimer as { unref?: () => void }).unref?.();
  }

  private disarmOrphan(entry: Entry): void {
    if (entry.orphanTimer === undefined) return;
    (this.clock ?? realClock).clearTimeout(entry.orphanTimer);
    entry.orphanTimer = undefined;
  }

  get(runId: string): RunHandle | undefined {
    return this.runs.get(runId)?.run;
  }

  /**
   * The plan the run was started from, for validating live edits (node kinds, current params).
   * Whoever applies a live edit writes the new values back here; the run itself may hold a copy.
   */
  planOf(runId: string): Plan | undefined {
    return this.runs.get(runId)?.plan;
  }

  require(runId: string): RunHandle {
    const run = this.get(runId);
    if (!run) throw new HttpError(404, 'not_found', `no run "${runId}"`);
    return run;
  }

  info(runId: string): RunInfo {
    const entry = this.runs.get(runId);
    if (!entry) throw new HttpError(404, 'not_found', `no run "${runId}"`);
    const { run } = entry;
    const info: RunInfo = {
      runId,
      status: run.status,
      startedAt: new Date(run.startedAtWall).toISOString(),
      totals: run.totals(),
    };
    if (run.endedAtWall !== undefined) info.endedAt = new Date(run.endedAtWall).toISOString();
    if (run.error) info.error = run.error;
    if (this.graphs.has(runId)) info.graph = this.graphs.get(runId);
    if (entry.stopReason) {
      info.reason = entry.stopReason;
      info.stopReason = entry.stopReason;
    }
    return info;
  }

  /** Follow items from a node of a run (`POST /api/runs/:id/trace`). */
  trace(runId: string, req: { nodeId: string; count?: number; every?: number }): TraceResponse {
    return startTrace(this.entry(runId), req);
  }

  traceDetail(runId: string, traceId: string): TraceDetail {
    return traceDetail(this.entry(runId), traceId);
  }

  /** The last items an edge dropped (`GET /api/runs/:id/edges/:edgeId/drops`). */
  drops(runId: string, edgeId: string): Promise<{ drops: DroppedItem[] }> {
    return edgeDrops(this.entry(runId), edgeId);
  }

  /** The items waiting on an edge (`GET /api/runs/:id/edges/:edgeId/items`). */
  queueItems(runId: string, edgeId: string): Promise<QueueListing> {
    return queueItems(this.entry(runId), edgeId);
  }

  /** Empties an edge's queue (`POST /api/runs/:id/edges/:edgeId/empty`). */
  emptyQueue(runId: string, edgeId: string): Promise<EmptyQueueResponse> {
    return emptyQueue(this.entry(runId), edgeId);
  }

  /** Taps an edge on or off (`POST /api/runs/:id/edges/:edgeId/tap`). */
  tap(runId: string, edgeId: string, on: boolean): TapResponse {
    return setTap(this.entry(runId), edgeId, on);
  }

  private entry(runId: string): Entry {
    const entry = this.runs.get(runId);
    if (!entry) throw new HttpError(404, 'not_found', `no run "${runId}"`);
    return entry;
  }

  /** Why the server ended (or is ending) a run, when it did. */
  stopReason(runId: string): string | undefined {
    return this.runs.get(runId)?.stopReason;
  }

  /** Ids of the runs not finished. */
  activeIds(): string[] {
    return [...this.runs].filter(([, e]) => !isFinished(e.run.status)).map(([id]) => id);
  }

  /** Stops a run for a reason of the server's (its subscribers and `GET` see it). */
  stopBecause(runId: string, reason: string): void {
    const entry = this.runs.get(runId);
    if (!entry || isFinished(entry.run.status)) return;
    entry.stopReason ??= reason;
    entry.run.stop('abort');
  }

  activeCount(): number {
    let n = 0;
    for (const { run } of this.runs.values()) if (!isFinished(run.status)) n++;
    return n;
  }

  /**
   * Stops every run and waits for them to release everything (SIGTERM, tests). A run that has
   * not ended `terminateAfterMs` after its stop (its thread still loading, or stuck) is
   * terminated: shutdown must not wait on it.
   */
  async stopAll(terminateAfterMs = STOP_ALL_TERMINATE_MS): Promise<void> {
    const pending = [...this.runs.values()].map((entry) => {
      const { run, timer } = entry;
      clearTimeout(timer);
      this.disarmOrphan(entry);
      if (!isFinished(run.status)) entry.stopReason ??= 'the server is shutting down';
      run.stop('abort');
      if (!run.terminate || isFinished(run.status)) return run.done;
      const force = setTimeout(() => run.terminate?.(), terminateAfterMs);
      return run.done.finally(() => clearTimeout(force));
    });
    await Promise.all(pending);
  }

  /** Ends the spare run thread, if any (shutdown: no run starts after). */
  async closeThreads(): Promise<void> {
    await this.spare?.close();
  }

  private checkLimits(plan: Plan, docOrder: string[]): Issue[] {
    const issues: Issue[] = [];
    if (plan.nodes.length > this.limits.maxNodes) {
      issues.push({
        path: 'nodes',
        message: `graph has ${plan.nodes.length} nodes; the limit maxNodes is ${this.limits.maxNodes}`,
      });
    }
    if (plan.edges.length > this.limits.maxEdges) {
      issues.push({
        path: 'edges',
        message: `graph has ${plan.edges.length} edges; the limit maxEdges is ${this.limits.maxEdges}`,
      });
    }
    // The same check live edits go through (live-edit.ts), so a PATCH cannot raise a rate past it.
    issues.push(
      ...sourceRateIssues(
        plan.nodes,
        this.limits,
        (nodeId, field) => `nodes.${docOrder.indexOf(nodeId)}.params.${field}`,
      ),
    );
    return issues;
  }

  /**
   * The ingest endpoint of a run's `http-ingest` node. 404 when there is no such run or node, 409
   * once the run no longer takes items (draining or finished: accepted items must still be
   * delivered, and a finished run delivers nothing).
   */
  ingestEndpoint(
    runId: string,
    nodeId: string,
  ): { window: IngestWindow; maxBodyBytes: number; accept(items: Item[]): boolean } {
    const entry = this.runs.get(runId);
    if (!entry) throw new HttpError(404, 'not_found', `no run "${runId}"`);
    const window = entry.io.ingestWindow(nodeId);
    const node = entry.plan.nodes.find((n) => n.id === nodeId);
    if (!window || !node) throw new HttpError(404, 'not_found', `run has no http-ingest node "${nodeId}"`);
    const status = entry.run.status;
    if (status === 'draining' || isFinished(status))
      throw new HttpError(409, 'not_accepting', `run is ${status}; it takes no more items`);
    return {
      window,
      maxBodyBytes: node.params.maxBodyBytes as number,
      accept: (items) => entry.io.ingest(nodeId, items),
    };
  }

  /** Grants `n` more items to a run's `browser` sink. Throws HttpError 404 or 409. */
  grantCredit(runId: string, nodeId: string, n: number): void {
    const entry = this.runs.get(runId);
    if (!entry) throw new HttpError(404, 'not_found', `no run "${runId}"`);
    if (!entry.io.isBrowser(nodeId))
      throw new HttpError(404, 'not_found', `run has no browser node "${nodeId}"`);
    if (isFinished(entry.run.status)) throw new HttpError(409, 'conflict', `run is ${entry.run.status}`);
    entry.io.grant(nodeId, n);
  }

  /** The data directory runs write their files under. */
  get dataDir(): string {
    return this.nodeEnv.dataDir!;
  }

  /**
   * http-post URLs the egress policy refuses outright (a literal address it does not allow). Host
   * names are decided when connecting, on each DNS answer.
   */
  private checkEgress(plan: Plan, docOrder: string[]): Issue[] {
    const policy = egressPolicy(this.nodeEnv.httpPostAllow ?? DEFAULT_EGRESS);
    const issues: Issue[] = [];
    for (const n of plan.nodes) {
      if (n.kind !== 'http-post') continue;
      const url = new URL(n.params.url as string);
      if (checkUrl(policy, url) !== 'deny') continue;
      issues.push({
        path: `nodes.${docOrder.indexOf(n.id)}.params.url`,
        nodeId: n.id,
        message: `http-post may not reach ${url.hostname}: only addresses SLUICE_HTTP_POST_ALLOW allows (loopback by default)`,
      });
    }
    return issues;
  }

  /**
   * Before a run with `file` sinks starts: old runs' folders past SLUICE_KEEP_RUN_FILES go, and
   * the oldest kept ones too while the new run's budget would not fit in the server's.
   */
  private pruneRunFiles(): void {
    const active = new Set<string>();
    for (const [id, e] of this.runs) if (!isFinished(e.run.status)) active.add(id);
    const room = takenBytes(this.filesBudget) + this.limits.maxRunFilesBytes - this.limits.maxFilesBytes;
    giveBack(
      this.filesBudget,
      pruneRunDirs(this.nodeEnv.dataDir!, this.limits.keepRunFiles, active, Math.max(0, room)),
    );
  }

  private forgetOldRuns(): void {
    const finished = [...this.runs.entries()].filter(([, e]) => isFinished(e.run.status));
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.runs.delete(id);
      this.graphs.delete(id);
    }
  }
}

function remoteSum(entry: Entry): number {
  let n = 0;
  for (const c of entry.remoteWatchers?.values() ?? []) n += c;
  return n;
}
