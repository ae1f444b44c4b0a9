import { Counter, Gauge, type Registry } from 'prom-client';
import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../../shared/protocol/telemetry.js';

type Pick<T> = (t: T) => number | undefined;

interface SeriesSpec<T> {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  value: Pick<T>;
}

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
    name: 'sluice_edge_in_items_per_second',
    help: 'Items/s accepted (≈1 s window)',
    type: 'gauge',
    value: (e) => e.inRate,
  },
  {
    name: 'sluice_edge_out_items_per_second',
    help: 'Items/s taken out (≈1 s window)',
    type: 'gauge',
    value: (e) => e.outRate,
  },
  {
    name: 'sluice_edge_blocked_ratio',
    help: 'Fraction of the last tick the producer waited for room',
    type: 'gauge',
    value: (e) => e.blockedRatio,
  },
  {
    name: 'sluice_edge_oldest_item_age_seconds',
    help: 'Age of the oldest queued item',
    type: 'gauge',
    value: (e) => e.oldestAgeMs / 1000,
  },
  {
    name: 'sluice_edge_dropped_items_total',
    help: 'Items dropped by the overflow policy',
    type: 'counter',
    value: (e) => e.dropped,
  },
];

const NODE: SeriesSpec<NodeTelemetry>[] = [
  {
    name: 'sluice_node_in_items_per_second',
    help: 'Items/s into the node (≈1 s window)',
    type: 'gauge',
    value: (n) => n.inRate,
  },
  {
    name: 'sluice_node_out_items_per_second',
    help: 'Items/s out of the node (≈1 s window)',
    type: 'gauge',
    value: (n) => n.outRate,
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
];

/**
 * Per-run, per-edge and per-node series, filled at scrape time from the latest frame of every
 * active run. Nothing is recorded per frame, and a run's series disappear with its last frame, so
 * memory is bounded by the runs executing now.
 */
export function registerRunSeries(registry: Registry, latestFrames: () => Iterable<TelemetryFrame>): void {
  const define = <T>(
    specs: SeriesSpec<T>[],
    idLabel: string,
    pick: (f: TelemetryFrame) => Record<string, T>,
  ) => {
    for (const spec of specs) {
      const config = {
        name: spec.name,
        help: spec.help,
        labelNames: ['run_id', idLabel],
        registers: [registry],
        collect(this: Gauge | Counter) {
          this.reset();
          for (const frame of latestFrames()) {
            for (const [id, t] of Object.entries(pick(frame))) {
              const v = spec.value(t);
              if (v === undefined || !Number.isFinite(v)) continue;
              const labels = { run_id: frame.runId, [idLabel]: id };
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
  define(EDGE, 'edge_id', (f) => f.edges);
  define(NODE, 'node_id', (f) => f.nodes);
}
