import { EventEmitter } from 'node:events';
import { nanoid } from 'nanoid';
import { compileGraph } from '../../shared/compiler/compile.js';
import type { Issue } from '../../shared/compiler/issue.js';
import type { Plan } from '../../shared/compiler/plan.js';
import type { RunInfo } from '../../shared/protocol/api.js';
import type { RunError, RunStatus, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import type { Limits } from '../config.js';
import { HttpError } from '../http/api-error.js';
import type { Clock } from '../runtime/clock.js';
import type { RunHandle } from '../runtime/run-handle.js';
import { startRun } from '../runtime/start-run.js';
import { WorkerRun } from '../runtime/worker/worker-run.js';

/** Finished runs kept for `GET /api/runs/:id`; older ones are forgotten (memory is bounded everywhere). */
const KEEP_FINISHED = 200;

export interface RunManagerEvents {
  frame: [frame: TelemetryFrame];
  status: [runId: string, status: RunStatus, error?: RunError];
}

/** Owns every run: admission (limits), lifecycle, and the relay of frames and status to listeners. */
export class RunManager extends EventEmitter<RunManagerEvents> {
  private readonly runs = new Map<
    string,
    { run: RunHandle; plan: Plan; stopReason?: string; timer?: NodeJS.Timeout }
  >();

  constructor(
    private readonly limits: Limits,
    private readonly clock?: Clock,
    /** `worker` (default): each run in its own thread. `inline`: in this thread (fake clocks in tests). */
    private readonly isolation: 'worker' | 'inline' = clock ? 'inline' : 'worker',
  ) {
    super();
  }

  /** Compiles and starts a graph. Throws HttpError 400 (with located issues) or 429. */
  start(graph: unknown, telemetryHz: number): RunHandle {
    const compiled = compileGraph(graph);
    if (!compiled.ok)
      throw new HttpError(400, 'compile_failed', 'the graph does not compile', compiled.issues);
    const limitIssues = this.checkLimits(
      compiled.plan,
      compiled.graph.nodes.map((n) => n.id),
    );
    if (limitIssues.length > 0)
      throw new HttpError(400, 'limit_exceeded', limitIssues[0]!.message, limitIssues);
    if (this.activeCount() >= this.limits.maxConcurrentRuns) {
      throw new HttpError(
        429,
        'too_many_runs',
        `at most ${this.limits.maxConcurrentRuns} runs may execute at once (limit maxConcurrentRuns, SLUICE_MAX_RUNS)`,
      );
    }
    const runId = nanoid(12);
    const options = {
      runId,
      telemetryHz,
      onFrame: (frame: TelemetryFrame) => this.emit('frame', frame),
      onStatus: (status: RunStatus, error?: RunError) => this.emit('status', runId, status, error),
    };
    const run: RunHandle =
      this.isolation === 'worker'
        ? new WorkerRun(compiled.plan, { ...options, memoryMb: this.limits.runMemoryMb })
        : startRun(compiled.plan, { ...options, clock: this.clock });
    const entry: { run: RunHandle; plan: Plan; stopReason?: string; timer?: NodeJS.Timeout } = {
      run,
      plan: compiled.plan,
    };
    entry.timer = setTimeout(() => {
      entry.stopReason = `run duration limit of ${Math.round(this.limits.maxRunDurationMs / 1000)} s reached`;
      run.stop('abort');
    }, this.limits.maxRunDurationMs);
    entry.timer.unref();
    this.runs.set(runId, entry);
    void run.done.then(() => {
      clearTimeout(entry.timer);
      this.forgetOldRuns();
    });
    return run;
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
    if (entry.stopReason) (info as RunInfo & { stopReason?: string }).stopReason = entry.stopReason;
    return info;
  }

  activeCount(): number {
    let n = 0;
    for (const { run } of this.runs.values()) if (!isFinished(run.status)) n++;
    return n;
  }

  /** Stops every run and waits for them to release everything (SIGTERM, tests). */
  async stopAll(): Promise<void> {
    const pending = [...this.runs.values()].map(({ run, timer }) => {
      clearTimeout(timer);
      run.stop('abort');
      return run.done;
    });
    await Promise.all(pending);
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
    plan.nodes.forEach((n) => {
      const rate = n.params.rate;
      if (n.kind === 'generator' && typeof rate === 'number' && rate > this.limits.maxGeneratorRate) {
        issues.push({
          path: `nodes.${docOrder.indexOf(n.id)}.params.rate`,
          nodeId: n.id,
          message: `rate ${rate} exceeds the limit maxGeneratorRate of ${this.limits.maxGeneratorRate} items/s`,
        });
      }
    });
    return issues;
  }

  private forgetOldRuns(): void {
    const finished = [...this.runs.entries()].filter(([, e]) => isFinished(e.run.status));
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.runs.delete(id);
  }
}
