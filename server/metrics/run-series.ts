import { Counter, Gauge, type Registry } from 'prom-client';
import type { EdgeTelemetry, NodeTelemetry, RunTotals } from '../../shared/protocol/telemetry.js';
import type { InOut, RunCounts } from './run-counts.js';

type Pick<T> = (t: T, counts: InOut) => number | undefined;

interface SeriesSpec<T> {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  value: Pick<T>;
}

/*
 * Throughput is exported as counters (`…_items_total`) for `rate()` to turn into rates over any
 * window the reader picks — not as gauges of rates the runtime already smoothed over ≈1 s.
 * Ratios and levels (depth, busy, blocked) are gauges of the latest frame.
 */
const EDGE: SeriesSpec<EdgeTelemetry>[] = [
  {
    name: 'sluice_edge_queue_depth',
    help: 'Items waiting in the queue',
    type: 'gauge',
    value: (e) => e.depth,
  },
  {
    name: 'sluice_edge_queue_capacity',
    help: 'Queue capacity, items',
    type: 'gauge',
    value: (e) => e.capacity,
  },
  {
    name: 'sluice_edge_in_items_total',
    help: 'Items accepted into the queue',
    type: 'counter',
    value: (_, c) => c.in,
  },
  {
    name: 'sluice_edge_out_items_total',
    help: 'Items taken out by the consumer',
    type: 'counter',
    value: (_, c) => c.out,
  },
  {
    name: 'sluice_edge_dropped_items_total',
    help: 'Items dropped by the overflow policy',
    type: 'counter',
    value: (e) => e.dropped,
  },
  {
    name: 'sluice_edge_blocked_ratio',
    help: "Share of the producer's lane time spent waiting for room, last tick",
    type: 'gauge',
    value: (e) => e.blockedRatio,
  },
  {
    // Broker (nats) edges only: a memory edge never redelivers, so it has no such series.
    name: 'sluice_edge_redelivered_items_total',
    help: 'Broker edges: deliveries that were redeliveries (a consumer died or did not ack in time)',
    type: 'counter',
    value: (e) => (e.transport === 'nats' ? (e.redelivered ?? 0) : undefined),
  },
  {
    name: 'sluice_edge_oldest_item_age_seconds',
    help: 'Age of the oldest queued item',
    type: 'gauge',
    value: (e) => e.oldestAgeMs / 1000,
  },
  {
    name: 'sluice_edge_mean_wait_seconds',
    help: 'Mean time the items that left the queue over the last ≈1 s spent in it',
    type: 'gauge',
    value: (e) => (e.meanWaitMs === undefined ? undefined : e.meanWaitMs / 1000),
  },
];

const NODE: SeriesSpec<NodeTelemetry>[] = [
  { name: 'sluice_node_in_items_total', help: 'Items into the node', type: 'counter', value: (_, c) => c.in },
  {
    name: 'sluice_node_out_items_total',
    help: 'Items the node handed on',
    type: 'counter',
    value: (_, c) => c.out,
  },
  {
    name: 'sluice_node_busy_ratio',
    help: 'Fraction of the last tick spent processing',
    type: 'gauge',
    value: (n) => n.busy,
  },
  {
    name: 'sluice_node_idle_ratio',
    help: 'Fraction of the last tick spent waiting for input',
    type: 'gauge',
    value: (n) => n.idle,
  },
  {
    name: 'sluice_node_backpressured_ratio',
    help: 'Fraction of the last tick spent waiting for output room',
    type: 'gauge',
    value: (n) => n.backpressured,
  },
  {
    // The number the UI and the CLI's --json show: the same frame field, computed once on the server.
    name: 'sluice_node_utilization_ratio',
    help: 'Offered items/s × mean service time ÷ lanes over the last ≈1 s (1 or more: cannot keep up)',
    type: 'gauge',
    value: (n) => n.utilization,
  },
  {
    name: 'sluice_node_processing_p99_seconds',
    help: 'p99 time to process one item (≈1 s window)',
    type: 'gauge',
    value: (n) => n.p99Ms / 1000,
  },
  {
    name: 'sluice_node_processed_items_total',
    help: 'Items processed',
    type: 'counter',
    value: (n) => n.processed,
  },
  { name: 'sluice_node_errors_total', help: 'Items that failed', type: 'counter', value: (n) => n.errors },
  {
    name: 'sluice_node_rejected_items_total',
    help: 'Open-loop source items that could not be enqueued',
    type: 'counter',
    value: (n) => n.rejected,
  },
  {
    name: 'sluice_node_dead_lettered_items_total',
    help: 'Failed items sent to dead letter',
    type: 'counter',
    value: (n) => n.deadLettered,
  },
  {
    name: 'sluice_node_skipped_items_total',
    help: 'Failed items skipped by the error policy',
    type: 'counter',
    value: (n) => n.skipped,
  },
  {
    name: 'sluice_node_dropped_items_total',
    help: 'Items the node discarded (rate limit in drop mode, a sink past its cap)',
    type: 'counter',
    value: (n) => n.dropped,
  },
];

const RUN: SeriesSpec<RunTotals>[] = (
  [
    ['emitted', 'Items made by the run’s sources'],
    ['delivered', 'Items that reached a sink'],
    ['dropped', 'Items dropped (overflow policies, rate limiters in drop mode)'],
    ['rejected', 'Items open-loop sources could not enqueue'],
    ['dead_lettered', 'Failed items sent to dead letter'],
    ['skipped', 'Failed items skipped'],
  ] as const
).map(([what, help]) => ({
  name: `sluice_run_${what}_items_total`,
  help,
  type: 'counter' as const,
  value: (t: RunTotals) => t[what === 'dead_lettered' ? 'deadLettered' : what],
}));

const NO_COUNTS: InOut = { in: 0, out: 0 };

/**
 * The labels of every per-run series, applied here and nowhere else: hiding run or node ids from
 * /metrics (an operator option) is a change to this one function.
 */
export function runLabels(runId: string, id?: { label: string; value: string }): Record<string, string> {
  return id ? { run_id: runId, [id.label]: id.value } : { run_id: runId };
}

/**
 * Per-run, per-edge and per-node series, filled at scrape time from the latest frame of every
 * active run. Nothing is recorded per frame beyond a running sum per edge and node, and a run's
 * series disappear with it, so memory is bounded by the runs executing now.
 */
export function registerRunSeries(registry: Registry, activeRuns: () => Iterable<RunCounts>): void {
  const define = <T>(
    specs: SeriesSpec<T>[],
    idLabel: string | undefined,
    pick: (r: RunCounts) => Array<[string, T, InOut]>,
  ) => {
    for (const spec of specs) {
      const config = {
        name: spec.name,
        help: spec.help,
        labelNames: idLabel ? ['run_id', idLabel] : ['run_id'],
        registers: [registry],
        collect(this: Gauge | Counter) {
          this.reset();
          for (const run of activeRuns()) {
            const runId = run.frame?.runId;
            if (runId === undefined) continue;
            for (const [id, t, counts] of pick(run)) {
              const v = spec.value(t, counts);
              if (v === undefined || !Number.isFinite(v)) continue;
              const labels = runLabels(runId, idLabel ? { label: idLabel, value: id } : undefined);
              // A counter's value is the run's own cumulative count: reset, then inc to it.
              if (this instanceof Counter) this.inc(labels, Math.max(0, v));
              else this.set(labels, v);
            }
          }
        },
      };
      if (spec.type === 'counter') new Counter(config);
      else new Gauge(config);
    }
  };
  define(EDGE, 'edge_id', (r) =>
    Object.entries(r.frame!.edges).map(([id, e]) => [id, e, r.edges.get(id) ?? NO_COUNTS]),
  );
  define(NODE, 'node_id', (r) =>
    Object.entries(r.frame!.nodes).map(([id, n]) => [id, n, r.nodes.get(id) ?? NO_COUNTS]),
  );
  define(RUN, undefined, (r) => (r.frame?.totals ? [['', r.frame.totals, NO_COUNTS]] : []));
}
