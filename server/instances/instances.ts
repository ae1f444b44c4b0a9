import { hostname } from 'node:os';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { createInbox, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { LiveRunResponse } from '../../shared/protocol/api.js';
import {
  COORDINATOR_GONE_REASON,
  type CreditRequest,
  type HttpReply,
  type InstanceRpc,
  type RpcReply,
  runLiveSubject,
  type WatchRequest,
} from '../../shared/protocol/instances.js';
import type { RunStatusMessage } from '../../shared/protocol/socket-events.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import type { Limits } from '../config.js';
import type { RunManager } from '../runs/run-manager.js';
import { replayHttp } from './forward-http.js';
import { InstanceDirectory } from './instance-directory.js';
import { KvStream } from './kv-stream.js';
import { publishLive, RemoteRuns } from './live-relay.js';
import { rpcRequest } from './rpc.js';
import { handleRpc } from './rpc-handlers.js';
import { hashToken, MAX_REGISTERED_RUNS, RunRegistry, roleByHash } from './run-registry.js';

/** Watcher counts are re-sent this often; one not refreshed for 3 × this is forgotten (its instance died). */
const WATCHERS_REPORT_MS = 2_000;

export interface InstancesDeps {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  id: string;
  runs: RunManager;
  limits: Pick<Limits, 'maxSubscribersPerRun'>;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** The emitter the telemetry gateway already listens to (created with the app). */
  remote?: RemoteRuns;
}

/**
 * This server as one of many stateless instances (SLUICE_CLUSTER=1, docs/instances.md): its
 * heartbeat, the run registry, the rpc subject other instances forward to, the live relay of its
 * runs' events, and the failing of runs whose coordinator died.
 */
export class Instances {
  readonly id: string;
  readonly directory: InstanceDirectory;
  readonly registry: RunRegistry;
  readonly remote: RemoteRuns;
  readonly nc: NatsConnection;
  private baseUrl: string | undefined;
  private rpcSub: Subscription | undefined;
  /** Remote runs this instance's sockets watch, and how many of them. */
  private readonly watching = new Map<string, number>();
  /** Per run of ours, when each other instance last reported its watchers. */
  private readonly reportedAt = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | undefined;
  /** Saved graph id → the run whose watch link its owner shares, and its coordinator. */
  private readonly shared: KvStream<{ runId: string; instance: string }>;
  private statusChain: Promise<void> = Promise.resolve();

  private constructor(private readonly deps: InstancesDeps) {
    this.id = deps.id;
    this.nc = deps.nc;
    this.directory = new InstanceDirectory(deps.nc, deps.js, deps.jsm, { id: deps.id, host: hostname() });
    this.registry = new RunRegistry(deps.js, deps.jsm);
    this.remote = deps.remote ?? new RemoteRuns(deps.nc);
    this.shared = new KvStream(deps.js, deps.jsm, {
      stream: 'sluice_kv_shared',
      prefix: 'sluice.kv.shared',
      maxKeys: MAX_REGISTERED_RUNS,
      maxAgeMs: 24 * 3600_000,
    });
  }

  static async start(deps: InstancesDeps): Promise<Instances> {
    const self = new Instances(deps);
    await self.registry.ensure();
    await self.shared.ensure();
    await self.directory.start();
    self.wire();
    return self;
  }

  /** Forwarded requests replay on this base URL (the HTTP server's own, once it listens). */
  listening(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  private wire(): void {
    const { runs, nc } = this.deps;
    runs.on('started', (runId) => {
      const run = runs.get(runId);
      const access = runs.accessOf(runId);
      if (!run || !access) return;
      const graphId = runs.graphIdOf(runId);
      this.serially(() =>
        this.registry.register(runId, {
          instance: this.id,
          status: run.status,
          startedAt: run.startedAtWall,
          runTokenHash: hashToken(access.runToken),
          watchTokenHash: hashToken(access.watchToken),
          ...(graphId !== undefined ? { graphId } : {}),
        }),
      );
    });
    // The newest shared run of a graph wins, as on one server; its coordinator confirms it on read.
    runs.on('configured', (runId, settings, graphId) => {
      if (settings.shareWatch && graphId !== undefined)
        this.serially(() => this.shared.put(graphId, { runId, instance: this.id }).then(() => {}));
    });
    runs.on('status', (runId, status, error, reason) =>
      this.serially(() => this.registry.setStatus(runId, status, error, reason)),
    );
    publishLive(nc, runs, (runId) => (this.reportedAt.get(runId)?.size ?? 0) > 0);
    this.rpcSub = nc.subscribe(`sluice.instance.${this.id}.rpc`, {
      callback: (err, msg) => {
        if (!err) void this.answer(msg);
      },
    });
    this.directory.onDead((id) => void this.failRunsOf(id));
    this.timer = setInterval(() => this.tick(), WATCHERS_REPORT_MS);
    this.timer.unref();
  }

  /** Registry writes in the order the events happened (a status never overtakes the start). */
  private serially(write: () => Promise<void>): void {
    this.statusChain = this.statusChain
      .then(write)
      .catch((err: unknown) => this.deps.log?.('run registry write failed', { err: String(err) }));
  }

  private async answer(msg: Msg): Promise<void> {
    let req: InstanceRpc;
    try {
      req = msg.json<InstanceRpc>();
    } catch {
      return;
    }
    try {
      const reply =
        req?.op === 'http'
          ? this.baseUrl === undefined
            ? { status: 503, headers: {}, body: '', chunks: 1 }
            : await replayHttp(this.nc, this.baseUrl, req)
          : handleRpc(req, this.deps.runs, this.deps.limits, (runId, instance, count) =>
              this.remoteWatchers(runId, instance, count),
            );
      if (msg.reply && reply !== undefined) msg.respond(JSON.stringify(reply));
    } catch (err) {
      const reply: RpcReply = { ok: false, error: 'internal', message: String(err) };
      if (msg.reply) msg.respond(JSON.stringify(reply));
    }
  }

  private remoteWatchers(runId: string, instance: string, count: number): void {
    if (!this.deps.runs.get(runId)) return;
    let seen = this.reportedAt.get(runId);
    if (count > 0) {
      if (!seen) {
        seen = new Map();
        this.reportedAt.set(runId, seen);
      }
      seen.set(instance, Date.now());
    } else seen?.delete(instance);
    if (seen?.size === 0) this.reportedAt.delete(runId);
    this.deps.runs.setRemoteWatchers(runId, instance, count);
  }

  /**
   * Runs of ours the registry says ended `failed` because this instance looked dead (cut off
   * from NATS, or stalled, for over 3 s): everyone else has told their watchers so, so they stop
   * here too rather than run on unseen.
   */
  private async stopDisowned(): Promise<void> {
    for (const runId of this.deps.runs.activeIds()) {
      const found = await this.registry.lookup(runId).catch(() => null);
      if (found?.record.status === 'failed' && found.record.reason === COORDINATOR_GONE_REASON)
        this.deps.runs.stopBecause(
          runId,
          `${COORDINATOR_GONE_REASON} (this instance lost touch with the others)`,
        );
    }
  }

  private tick(): void {
    void this.stopDisowned();
    // Re-send our counts: the coordinator forgets ones it has not heard for a while.
    for (const [runId, count] of this.watching) void this.reportWatchers(runId, count);
    const stale = Date.now() - 3 * WATCHERS_REPORT_MS;
    for (const [runId, seen] of this.reportedAt)
      for (const [instance, at] of seen) if (at < stale) this.remoteWatchers(runId, instance, 0);
  }

  /** The instance coordinating `runId` when it is not this one; undefined to serve it here. */
  async coordinatorOf(runId: string): Promise<string | undefined> {
    if (this.deps.runs.get(runId)) return undefined;
    const found = await this.registry.lookup(runId);
    if (!found || found.record.instance === this.id) return undefined;
    return found.record.instance;
  }

  /**
   * The live run whose watch link a saved graph's owner shares, when another instance coordinates
   * it: that instance answers `GET /api/graphs/:id/live-run` itself (it still has the token).
   */
  async liveRunOf(graphId: string): Promise<LiveRunResponse | undefined> {
    const entry = await this.shared.get(graphId).catch(() => null);
    if (!entry || entry.value.instance === this.id) return undefined;
    const out = await rpcRequest<HttpReply>(this.nc, entry.value.instance, {
      op: 'http',
      method: 'GET',
      url: `/api/graphs/${encodeURIComponent(graphId)}/live-run`,
      headers: {},
      more: createInbox(),
    });
    if (!out.ok || out.value.status !== 200 || out.value.chunks !== 1) return undefined;
    const live = JSON.parse(Buffer.from(out.value.body, 'base64').toString()) as LiveRunResponse;
    return typeof live?.runId === 'string' && typeof live.watchToken === 'string' ? live : undefined;
  }

  /** A coordinator did not answer: the run fails if it is dead; the 503's reason either way. */
  async coordinatorGone(runId: string, instance: string, why: 'no_responders' | 'timeout'): Promise<string> {
    if (why === 'no_responders' && !this.directory.isAlive(instance)) {
      await this.failOrphan(runId, instance);
      return `the server instance that coordinated run "${runId}" stopped; the run ended failed (${COORDINATOR_GONE_REASON})`;
    }
    return `the server instance coordinating run "${runId}" (${instance}) did not answer; try again in a few seconds`;
  }

  /** A local socket subscribes to a remote run: the coordinator checks the token and the limit. */
  async watch(runId: string, instance: string, token: string | undefined, count: number): Promise<RpcReply> {
    const req: WatchRequest = { op: 'watch', runId, token: token ?? '', instance: this.id, count };
    const out = await rpcRequest<RpcReply>(this.nc, instance, req);
    if (out.ok) return out.value;
    // The coordinator is gone: the registry still knows the run, and checks the token by hash.
    const found = await this.registry.lookup(runId);
    if (!found || roleByHash(found.record, token) === null)
      return {
        ok: false,
        error: 'coordinator_gone',
        message: await this.coordinatorGone(runId, instance, out.why),
      };
    const reason = await this.coordinatorGone(runId, instance, out.why);
    const now = (await this.registry.lookup(runId))?.record;
    if (!now || !isFinished(now.status)) return { ok: false, error: 'coordinator_gone', message: reason };
    return { ok: true, status: now.status, frame: null, reason: now.reason ?? reason };
  }

  async credit(
    runId: string,
    instance: string,
    nodeId: string,
    n: number,
    token: string | undefined,
  ): Promise<RpcReply> {
    const req: CreditRequest = { op: 'credit', runId, nodeId, n, token: token ?? '' };
    const out = await rpcRequest<RpcReply>(this.nc, instance, req);
    if (out.ok) return out.value;
    return {
      ok: false,
      error: 'coordinator_gone',
      message: await this.coordinatorGone(runId, instance, out.why),
    };
  }

  /** How many local sockets watch remote run `runId` now: follow its live subject while any do. */
  setLocalWatchers(runId: string, count: number, coordinator?: string): void {
    if (count > 0) {
      this.watching.set(runId, count);
      this.remote.follow(runId);
    } else {
      this.watching.delete(runId);
      this.remote.unfollow(runId);
    }
    void this.reportWatchers(runId, count, coordinator);
  }

  private readonly coordinators = new Map<string, string>();

  private async reportWatchers(runId: string, count: number, coordinator?: string): Promise<void> {
    if (coordinator) this.coordinators.set(runId, coordinator);
    const to = this.coordinators.get(runId) ?? (await this.coordinatorOf(runId).catch(() => undefined));
    if (count === 0) this.coordinators.delete(runId);
    if (!to || this.nc.isClosed()) return;
    this.nc.publish(
      `sluice.instance.${to}.rpc`,
      JSON.stringify({ op: 'watchers', runId, instance: this.id, count }),
    );
  }

  /** A dead instance's live runs end `failed`; exactly one instance writes each (compare-and-set). */
  private async failRunsOf(instance: string): Promise<void> {
    try {
      const runIds = await this.registry.liveRunsOf(instance);
      await Promise.all(runIds.map((runId) => this.failOrphan(runId, instance)));
    } catch (err) {
      this.deps.log?.('could not fail the runs of a dead instance', { instance, err: String(err) });
    }
  }

  private async failOrphan(runId: string, instance: string): Promise<void> {
    const written = await this.registry.failOrphan(runId, instance);
    if (!written) return;
    this.deps.log?.('run failed: its coordinating instance stopped', { runId, instance });
    const m: RunStatusMessage = { runId, status: 'failed', reason: COORDINATOR_GONE_REASON };
    // Every instance watching it (this one included) hears it on the run's live subject.
    this.nc.publish(runLiveSubject(runId, 'status'), JSON.stringify(m));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.statusChain;
    this.rpcSub?.unsubscribe();
    this.remote.close();
    this.directory.close();
  }
}
