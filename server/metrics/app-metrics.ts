import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { RunStatus } from '../../shared/protocol/telemetry.js';
import { isFinished, RUN_STATUSES } from '../../shared/protocol/telemetry.js';
import type { RunManager } from '../runs/run-manager.js';
import { ItemTotals } from './item-totals.js';
import { RunCounts } from './run-counts.js';
import { registerRunSeries, runLabels } from './run-series.js';
import { type RunnerSource, registerRunnerSeries } from './runner-series.js';

/** What the socket gateway and HTTP layer count. */
export interface GatewayCounters {
  framesSent: Counter;
  framesSkipped: Counter;
  stalledDisconnects: Counter;
  connections: Gauge;
}

/**
 * One Prometheus registry per app (tests run several apps in one process): process metrics,
 * run lifecycle, live per-run series, socket and HTTP counters.
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly gateway: GatewayCounters;
  readonly httpRequests: Counter<'method' | 'code'>;
  /** Latest frame and status of each run still executing; finished runs are dropped at once. */
  private readonly active = new Map<string, { status: RunStatus; counts: RunCounts }>();

  /**
   * `runLabels`: also the per-run series, labelled with run, node and edge ids. Off by default:
   * whoever can scrape `/metrics` would otherwise learn every live run's id.
   */
  constructor(
    runs: RunManager,
    {
      runLabels: withRunLabels = false,
      runners,
    }: { runLabels?: boolean /** Distributed mode: per-runner series. */; runners?: RunnerSource } = {},
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    if (runners) registerRunnerSeries(this.registry, runners);
    const started = new Counter({ name: 'sluice_runs_started_total', help: 'Runs started', registers });
    const finished = new Counter({
      name: 'sluice_runs_finished_total',
      help: 'Runs that ended, by final status',
      labelNames: ['status'],
      registers,
    });
    const active = this.active;
    new Gauge({
      name: 'sluice_run_status',
      help: withRunLabels
        ? 'Status of each executing run (1 for its current status)'
        : 'Executing runs by status',
      labelNames: withRunLabels ? ['run_id', 'status'] : ['status'],
      registers,
      collect() {
        this.reset();
        if (withRunLabels) {
          for (const [runId, { status }] of active) this.set({ ...runLabels(runId), status }, 1);
          return;
        }
        for (const { status } of active.values()) this.inc({ status });
      },
    });
    new Gauge({
      name: 'sluice_runs_active',
      help: 'Runs executing now',
      registers,
      collect() {
        this.set(active.size);
      },
    });
    if (withRunLabels) {
      registerRunSeries(this.registry, function* () {
        for (const { counts } of active.values()) if (counts.frame) yield counts;
      });
    }
    const items = new ItemTotals(this.registry);

    runs.on('status', (runId, status) => {
      if (!RUN_STATUSES.includes(status)) return;
      const known = active.has(runId);
      if (!known) started.inc();
      if (isFinished(status)) {
        // Runs without telemetry send no frames: their final totals still count server-wide.
        const totals = runs.get(runId)?.totals();
        if (totals) items.observe(runId, totals);
        items.forget(runId);
        active.delete(runId);
        finished.inc({ status });
      } else {
        active.set(runId, { counts: active.get(runId)?.counts ?? new RunCounts(), status });
      }
    });
    runs.on('frame', (frame) => {
      const entry = active.get(frame.runId);
      // Frames of a finished (or not yet announced) run are not kept: no series outlives its run.
      if (!entry) return;
      entry.counts.add(frame);
      if (frame.totals) items.observe(frame.runId, frame.totals);
    });

    this.gateway = {
      framesSent: new Counter({
        name: 'sluice_telemetry_frames_sent_total',
        help: 'Frames written to sockets',
        registers,
      }),
      framesSkipped: new Counter({
        name: 'sluice_telemetry_frames_skipped_total',
        help: 'Frames not written because the socket had not drained the previous ones',
        registers,
      }),
      stalledDisconnects: new Counter({
        name: 'sluice_socket_stalled_disconnects_total',
        help: 'Sockets dropped for not reading telemetry for too long',
        registers,
      }),
      connections: new Gauge({ name: 'sluice_socket_connections', help: 'Connected sockets', registers }),
    };
    this.httpRequests = new Counter({
      name: 'sluice_http_requests_total',
      help: 'HTTP requests answered, by method and status code',
      labelNames: ['method', 'code'],
      registers,
    });
  }

  /** Runs known to the metrics right now (for tests: proves finished runs leave no series). */
  get activeRuns(): number {
    return this.active.size;
  }
}
