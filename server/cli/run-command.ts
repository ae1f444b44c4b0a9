import { readFile } from 'node:fs/promises';
import { namesOf } from '../../shared/analysis/node-names.js';
import { type NamedBottleneck, RunWatch } from '../../shared/analysis/run-watch.js';
import { withSourceRates } from '../../shared/analysis/source-peak.js';
import { compileGraph } from '../../shared/compiler/compile.js';
import { isDistributed } from '../../shared/graph/edge-transport.js';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { httpPostAllowFromEnv, natsAllowFromEnv, tailDirFromEnv } from '../config.js';
import type { Cluster } from '../distributed/cluster.js';
import { startDistributed } from '../distributed/start-distributed.js';
import { connectorIssues } from '../runs/connector-checks.js';
import type { NodeEnv } from '../runtime/node-io.js';
import type { RunHandle } from '../runtime/run-handle.js';
import { startRun } from '../runtime/start-run.js';
import { clusterForCli } from './cluster-for-cli.js';
import { progressLines, totalsLine } from './format.js';

export interface RunCommandOptions {
  file: string;
  durationS?: number;
  json: boolean;
  out: NodeJS.WriteStream;
  /** `--nats <url>`: distributed graphs run on the runners of this NATS server. */
  natsUrl?: string;
}

/**
 * `sluice run <graph.json>`: the server's compiler and runtime, headless. Returns the exit code:
 * 0 completed or stopped by --duration, 1 failed, 2 bad input.
 */
export async function runCommand(opts: RunCommandOptions): Promise<number> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(opts.file, 'utf8'));
  } catch (err) {
    process.stderr.write(`cannot read ${opts.file}: ${(err as Error).message}\n`);
    return 2;
  }
  const compiled = compileGraph(doc, { natsConfigured: opts.natsUrl !== undefined });
  if (!compiled.ok) {
    process.stderr.write(`${opts.file} does not compile:\n`);
    for (const i of compiled.issues) {
      const where = i.nodeId ? `node ${i.nodeId}` : i.edgeId ? `edge ${i.edgeId}` : i.path;
      process.stderr.write(`  ${where} (${i.path}): ${i.message}\n`);
    }
    return 2;
  }
  let latest: TelemetryFrame | null = null;
  /** The frame before the latest: once the run has ended, the last one sent while it ran. */
  let lastLive: TelemetryFrame | null = null;
  let shown = 0;
  const live = !opts.json && opts.out.isTTY;
  // Judged as the browser judges it (shared/analysis): the last bottleneck the banner would have
  // shown while the run ran (draining or its final frame, every rate 0, clear it).
  const nameOf = namesOf(compiled.graph.nodes);
  const watch = new RunWatch(withSourceRates(compiled.plan.edges, compiled.plan.nodes), nameOf);
  let bottleneck: NamedBottleneck | null = null;
  /** The latest frame before the run was asked to end: its numbers are the run's, not the drain's. */
  let beforeEnd: TelemetryFrame | null = null;
  /** The bottleneck then; undefined until the run is asked to end. */
  let frozen: NamedBottleneck | null | undefined;
  const asked = () => {
    beforeEnd = latest;
    frozen = watch.bottleneck() ?? bottleneck;
  };
  const onFrame = (f: TelemetryFrame) => {
    lastLive = latest;
    latest = f;
    watch.see(f);
    bottleneck = watch.bottleneck() ?? bottleneck;
  };
  // The coordinator's notes (a part started again after its runner was lost): on stderr, and
  // the live block starts again below the note instead of redrawing over it.
  const onLog = (line: string) => {
    process.stderr.write(`${line}\n`);
    shown = 0;
  };
  let cluster: Cluster | undefined;
  let run: RunHandle;
  try {
    if (opts.natsUrl !== undefined && isDistributed(compiled.graph)) {
      cluster = await clusterForCli(opts.natsUrl);
      // Parts take seconds to start on their runners and no frame comes before: say what is going on.
      const runners = cluster.registry.alive().map((r) => r.id);
      process.stderr.write(
        `starting the run's parts on ${runners.length} runner${runners.length === 1 ? '' : 's'}` +
          `${runners.length > 0 ? ` (${runners.join(', ')})` : ''} of ${opts.natsUrl}…\n`,
      );
      // Stream names carry the run id: one per invocation, so two CLIs on one NATS never meet.
      run = startDistributed(compiled.plan, {
        runId: `cli-${Date.now().toString(36)}`,
        cluster,
        onFrame,
        onLog,
      });
    } else {
      // The connectors reach outside as they do on the server, under the same settings.
      const tailDir = tailDirFromEnv();
      const nodeEnv: NodeEnv = {
        httpPostAllow: httpPostAllowFromEnv(),
        natsAllow: natsAllowFromEnv(),
        ...(tailDir !== undefined ? { tailDir } : {}),
      };
      const { egress, config } = connectorIssues(
        compiled.plan,
        compiled.graph.nodes.map((n) => n.id),
        nodeEnv,
      );
      const refused = [...egress, ...config];
      if (refused.length > 0) throw new Error(refused.map((i) => `${i.nodeId}: ${i.message}`).join('\n'));
      run = startRun(compiled.plan, { runId: 'cli', onFrame, nodeEnv });
    }
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    await cluster?.close();
    return 1;
  }
  // A live display: redrawn in place on a terminal, a block a second otherwise (and never with --json).
  const display = setInterval(() => {
    if (!latest || opts.json) return;
    const lines = progressLines(latest, (id) => watch.fullInMs(id), nameOf);
    if (live && shown > 0) opts.out.write(`\x1b[${shown}A\x1b[J`);
    opts.out.write(`${lines.join('\n')}\n`);
    shown = live ? lines.length : 0;
  }, 1000);
  const stopper = opts.durationS
    ? setTimeout(() => {
        asked();
        run.stop('drain');
      }, opts.durationS * 1000)
    : undefined;
  const onSignal = () => {
    asked();
    run.stop('abort');
  };
  process.once('SIGINT', onSignal);
  const result = await run.done;
  clearInterval(display);
  clearTimeout(stopper);
  process.off('SIGINT', onSignal);
  await cluster?.close();
  // The run's last live state (the frame sent as it ends has every rate and share at 0), with
  // the counts of that final frame: they add up to the totals, which count the drain too.
  const nodes = withFinalCounts(
    ((lastLive ?? latest) as TelemetryFrame | null)?.nodes ?? {},
    (latest as TelemetryFrame | null)?.nodes ?? {},
  );
  const summary = {
    graph: compiled.graph.name,
    status: result.status,
    durationMs: Math.round(result.durationMs),
    totals: result.totals,
    ...(result.error ? { error: result.error } : {}),
    nodes,
    // The names the user gave nodes (the keys above stay ids), when any has one.
    ...labelsOf(compiled.graph.nodes),
    // ρ per node that serves (sources have none), and the banner's bottleneck, both from that frame.
    utilization: utilizationOf(((beforeEnd ?? lastLive ?? latest) as TelemetryFrame | null)?.nodes ?? {}),
    bottleneck: frozen !== undefined ? frozen : bottleneck,
  };
  if (opts.json) {
    opts.out.write(`${JSON.stringify(summary)}\n`);
  } else {
    if (summary.bottleneck) opts.out.write(`${summary.bottleneck.sentence}\n`);
    opts.out.write(
      `${result.status} after ${(result.durationMs / 1000).toFixed(1)}s: ${totalsLine(result.totals)}\n`,
    );
    if (result.error) opts.out.write(`error: ${result.error.message}\n`);
  }
  return result.status === 'failed' ? 1 : 0;
}

function labelsOf(nodes: readonly { id: string; label?: string | undefined }[]): {
  labels?: Record<string, string>;
} {
  const labels: Record<string, string> = {};
  for (const n of nodes) if (n.label?.trim()) labels[n.id] = n.label;
  return Object.keys(labels).length > 0 ? { labels } : {};
}

/** Cumulative counts of a node: the final frame's are the run's. */
const COUNTS = ['processed', 'errors', 'rejected', 'deadLettered', 'skipped', 'dropped', 'late'] as const;

function withFinalCounts(
  live: TelemetryFrame['nodes'],
  final: TelemetryFrame['nodes'],
): TelemetryFrame['nodes'] {
  const out: TelemetryFrame['nodes'] = {};
  for (const [id, n] of Object.entries(live)) {
    const last = final[id];
    const merged = { ...n };
    if (last) for (const k of COUNTS) if (last[k] !== undefined) merged[k] = last[k];
    out[id] = merged;
  }
  return out;
}

function utilizationOf(nodes: TelemetryFrame['nodes']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, n] of Object.entries(nodes)) if (n.utilization !== undefined) out[id] = n.utilization;
  return out;
}
