import type { NodeTelemetry, ReplicaTelemetry } from '../../shared/protocol/telemetry.js';

/** One replica's latest frame of the node, and the runner it runs on. */
export interface ReplicaFrame {
  runner: string;
  node: NodeTelemetry;
  /** The replica's number (its part is `<node>#<index>`). */
  index?: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const sum = (xs: readonly ReplicaFrame[], f: (n: NodeTelemetry) => number | undefined) =>
  xs.reduce((s, r) => s + (f(r.node) ?? 0), 0);
const mean = (xs: readonly ReplicaFrame[], f: (n: NodeTelemetry) => number) =>
  xs.length === 0 ? 0 : round(sum(xs, f) / xs.length);
const max = (xs: readonly ReplicaFrame[], f: (n: NodeTelemetry) => number | undefined) =>
  xs.reduce((m, r) => Math.max(m, f(r.node) ?? 0), 0);

/**
 * A replicated node as one node: counts and rates are the replicas' sum (the stage's throughput
 * is what all its replicas do together), time shares their mean (so busy + idle + backpressured
 * stays 1), latency percentiles the worst replica's (a p99 cannot be summed or averaged; the
 * slowest replica bounds it), plus one `replicas` entry per replica, in replica order.
 *
 * @example
 * mergeReplicas([{ runner: 'r1', node: a }, { runner: 'r2', node: b }]).inRate // a.inRate + b.inRate
 */
export function mergeReplicas(replicas: readonly ReplicaFrame[]): NodeTelemetry {
  const merged: NodeTelemetry = {
    inRate: round(sum(replicas, (n) => n.inRate)),
    outRate: round(sum(replicas, (n) => n.outRate)),
    busy: mean(replicas, (n) => n.busy),
    idle: replicas.length === 0 ? 1 : mean(replicas, (n) => n.idle),
    backpressured: mean(replicas, (n) => n.backpressured),
    p50Ms: max(replicas, (n) => n.p50Ms),
    p99Ms: max(replicas, (n) => n.p99Ms),
    errors: sum(replicas, (n) => n.errors),
    processed: sum(replicas, (n) => n.processed),
    deadLettered: sum(replicas, (n) => n.deadLettered),
    skipped: sum(replicas, (n) => n.skipped),
    dropped: sum(replicas, (n) => n.dropped),
    delta: { in: sum(replicas, (n) => n.delta?.in), out: sum(replicas, (n) => n.delta?.out) },
    replicas: replicas.map(
      ({ runner, node, index }): ReplicaTelemetry => ({
        runner,
        ...(index !== undefined ? { replica: index } : {}),
        inRate: node.inRate,
        outRate: node.outRate,
        busy: node.busy,
        idle: node.idle,
        backpressured: node.backpressured,
        processed: node.processed,
      }),
    ),
  };
  if (replicas.some((r) => r.node.e2eP50Ms !== undefined)) {
    merged.e2eP50Ms = max(replicas, (n) => n.e2eP50Ms);
    merged.e2eP99Ms = max(replicas, (n) => n.e2eP99Ms);
  }
  if (replicas.some((r) => r.node.rejected !== undefined)) merged.rejected = sum(replicas, (n) => n.rejected);
  serviceOf(merged, replicas);
  return merged;
}

/**
 * Mean service over the replicas that report one, weighted by what each took in (an item is an
 * item, whichever replica served it); ρ their mean: the stage's arrivals × service ÷ all its lanes,
 * when arrivals split evenly. Only the replicas running now count (one restarting reports none).
 */
function serviceOf(merged: NodeTelemetry, replicas: readonly ReplicaFrame[]): void {
  const serving = replicas.filter((r) => r.node.meanServiceMs !== undefined);
  if (serving.length > 0) {
    const weight = sum(serving, (n) => n.inRate);
    merged.meanServiceMs =
      weight > 0
        ? round(sum(serving, (n) => n.inRate * n.meanServiceMs!) / weight)
        : mean(serving, (n) => n.meanServiceMs!);
  }
  const loaded = replicas.filter((r) => r.node.utilization !== undefined);
  if (loaded.length > 0) merged.utilization = mean(loaded, (n) => n.utilization!);
}
