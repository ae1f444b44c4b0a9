/**
 * The Sluice adapter: builds each workload as the graph JSON a user would draw, compiles it with
 * the real compiler and runs it with the real runtime in this process, telemetry sampling on at
 * 10 Hz and expressions written as a user writes them. A kind the catalog does not have yet makes
 * that workload "n/a" with the compiler's own message; nothing is faked.
 */

import { registry } from '../server/runtime/nodes/registry.js';
import { startRun } from '../server/runtime/start-run.js';
import { WorkerRun } from '../server/runtime/worker/worker-run.js';
import { compileGraph } from '../shared/compiler/compile.js';
import { resolveFusion } from '../shared/compiler/fuse-plan.js';
import type { RunStatus } from '../shared/protocol/telemetry.js';
import type { TraceMessage } from '../shared/protocol/trace.js';
import type { Checksum } from './peers/workload.js';
import { rowMismatch } from './row-check.js';

export type Workload = 'a' | 'b' | 'c';

interface NodeSpec {
  kind: string;
  params: Record<string, unknown>;
}

/**
 * A straight chain of nodes. Edges are left at the document defaults (capacity 64, block) unless
 * `capacity` is given, as a user tuning for throughput would set it.
 */
export function chainGraph(name: string, specs: NodeSpec[], capacity?: number): unknown {
  const nodes = specs.map((s, i) => ({
    id: `${s.kind}${i}`,
    kind: s.kind,
    position: { x: i * 200, y: 0 },
    params: s.params,
  }));
  const edges = nodes.slice(1).map((n, i) => ({
    id: `e${i}`,
    source: nodes[i]!.id,
    sourcePort: 'out',
    target: n.id,
    targetPort: 'in',
    ...(capacity === undefined ? {} : { capacity }),
  }));
  return { schemaVersion: 1, name, nodes, edges };
}

const source = (n: number): NodeSpec => ({ kind: 'generator', params: { rate: null, count: n } });
const mapDouble: NodeSpec = { kind: 'map', params: { expression: 'value * 2' } };
const filterEven: NodeSpec = { kind: 'filter', params: { expression: 'id % 2 == 0' } };
const mapIdentity: NodeSpec = { kind: 'map', params: { expression: 'value' } };
/** The slow sink of B, approximated by a worker with a tiny service time. */
const slowWorker: NodeSpec = { kind: 'worker', params: { serviceTimeMs: 0.0005 } };
const counter: NodeSpec = { kind: 'counter', params: {} };

/** The graph of a workload for n items (C with `stages` identity maps), edges at `capacity` if given. */
export function workloadGraph(w: Workload, n: number, stages: number, capacity?: number): unknown {
  switch (w) {
    case 'a':
      return chainGraph('bench A', [source(n), mapDouble, filterEven, counter], capacity);
    case 'b':
      return chainGraph('bench B', [source(n), mapDouble, filterEven, slowWorker, counter], capacity);
    case 'c':
      return chainGraph(
        `bench C${stages}`,
        [source(n), ...Array.from({ length: stages }, () => mapIdentity), counter],
        capacity,
      );
  }
}

export interface SluiceBench {
  name: string;
  /** Frames per second the runs sample at; 0 = off. */
  telemetryHz: number;
  /** Why a workload cannot run (the compiler's issues), or null. */
  unavailable(w: Workload, stages: number): string | null;
  a(n: number): Promise<Checksum>;
  b(n: number): Promise<Checksum>;
  c(n: number, stages: number): Promise<Checksum>;
  /** Any workload in this thread (C with `stages` maps). */
  run(w: Workload, n: number, stages: number): Promise<Checksum>;
  /**
   * Telemetry over every run of this workload so far: the periodic frames received (the one final
   * frame each run sends at its end is not counted) and how many periods the runs lasted, so
   * "42 of 42" means a frame arrived for every period, even in runs of a few hundred ms.
   */
  telemetry(w: Workload): { frames: number; due: number };
  /** Tracing rows: traces that ended over every run so far (a row that traced nothing is no row). */
  tracesDone(): number;
  /** Runs a workload in its own worker thread, as the server does; `onRunning` when the thread has started. */
  inWorker(w: Workload, n: number, stages: number, onRunning?: () => void): Promise<Checksum>;
}

const DEFAULT_TELEMETRY_HZ = 10;

/**
 * `telemetryHz` 0 runs with sampling off: the pair of rows measures what telemetry costs.
 * `capacity` sets every edge (default: the document's 64), for the row of a graph tuned for throughput.
 *
 * A row keeps its previous run (ended, its queues empty) until the next run has ended, as any
 * process that runs graphs one after another in a thread holds some. With nothing held, the
 * bench's forced `gc()` between runs frees every object of the runtime, V8 then drops the hidden
 * classes they had and the optimised code that relies on them ("weak objects"), and each 0.1 s
 * run starts over on unoptimised code (measured: A at 12-13 M/s instead of 20-22): a run of
 * seconds never sees that. (A row with nothing held would not show it: another row's held run
 * keeps the classes alive for it too.)
 */
export async function loadSluice(
  TELEMETRY_HZ = DEFAULT_TELEMETRY_HZ,
  capacity?: number,
  /** Follow one in this many of the source's items (issue 18) — workload A only. */
  traceEvery?: number,
  /** Run every fusable edge fused (issue 21's fast path: the run option `fuse: true`). */
  fuse = false,
): Promise<{ ok: true; bench: SluiceBench } | { ok: false; error: string }> {
  let tracesDone = 0;
  const verdicts = new Map<string, string | null>();
  const held: { run?: unknown } = {};
  const frames = { a: { frames: 0, due: 0 }, b: { frames: 0, due: 0 }, c: { frames: 0, due: 0 } };
  let seq = 0;

  const unavailable = (w: Workload, stages: number): string | null => {
    if (traceEvery !== undefined && w !== 'a') return 'the tracing row runs workload A only';
    const key = `${w}${stages}`;
    if (!verdicts.has(key)) {
      const r = compileGraph(workloadGraph(w, 1000, stages, capacity));
      if (!r.ok) verdicts.set(key, [...new Set(r.issues.map((i) => i.message))].slice(0, 3).join('; '));
      else {
        const missing = [...new Set(r.plan.nodes.map((n) => n.kind))].filter(
          (k) => !Object.hasOwn(registry, k),
        );
        verdicts.set(
          key,
          missing.length > 0 ? `the runtime has no implementation of ${missing.join(', ')} yet` : null,
        );
      }
    }
    return verdicts.get(key) ?? null;
  };

  const run = async (
    w: Workload,
    n: number,
    stages: number,
    where: 'thread' | 'worker' = 'thread',
    onRunning: () => void = () => {},
  ): Promise<Checksum> => {
    const compiled = compileGraph(workloadGraph(w, n, stages, capacity));
    if (!compiled.ok) throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    if (fuse) resolveFusion(compiled.plan, { all: true });
    let received = 0;
    const options = {
      runId: `bench-${w}${stages}-${seq++}`,
      telemetryHz: TELEMETRY_HZ,
      onFrame: () => {
        received++;
      },
      onStatus: (status: RunStatus) => {
        if (status === 'running') onRunning();
      },
      onTrace: (messages: TraceMessage[]) => {
        for (const m of messages) if (m.done) tracesDone++;
      },
    };
    const r = where === 'thread' ? startRun(compiled.plan, options) : new WorkerRun(compiled.plan, options);
    // Asked before the first item is made: the run's pumps start on a later turn.
    if (traceEvery !== undefined) r.trace({ nodeId: 'generator0', every: traceEvery });
    const result = await r.done;
    if (where === 'thread') {
      held.run = r;
      if (TELEMETRY_HZ > 0) {
        frames[w].frames += Math.max(0, received - 1);
        // A period's frame is due once the run outlasted it by 10 ms: the timer fires at the run's
        // next yield (every 4 ms), so a run ending just after a period may end before its frame.
        frames[w].due += Math.floor((Math.max(0, result.durationMs - 10) * TELEMETRY_HZ) / 1000);
      }
    }
    if (result.status !== 'completed') {
      throw new Error(`run ${result.status}${result.error ? `: ${result.error.message}` : ''}`);
    }
    // The row runs what its label says (fused edges, capacity), read back from the run's last frame.
    if (TELEMETRY_HZ > 0) {
      const wrong = rowMismatch(compiled.plan, r.latestFrame(), { fuse, capacity: capacity ?? 64 });
      if (wrong !== null) throw new Error(`row does not run what it says: ${wrong}`);
    }
    // The counter discards without summing: only the count is known (sum is NaN, never compared).
    return { count: result.totals.delivered, sum: Number.NaN };
  };

  return {
    ok: true,
    bench: {
      name:
        (TELEMETRY_HZ > 0 ? `Sluice (${TELEMETRY_HZ} Hz telemetry` : 'Sluice (telemetry off') +
        (capacity === undefined ? '' : `, edges ${capacity}`) +
        (traceEvery === undefined ? '' : `, tracing 1 in ${traceEvery}`) +
        (fuse ? ', fused)' : ')'),
      telemetryHz: TELEMETRY_HZ,
      unavailable,
      a: (n) => run('a', n, 0),
      b: (n) => run('b', n, 0),
      c: (n, stages) => run('c', n, stages),
      run: (w, n, stages) => run(w, n, stages),
      inWorker: (w, n, stages, onRunning) => run(w, n, stages, 'worker', onRunning),
      telemetry: (w) => ({ ...frames[w] }),
      tracesDone: () => tracesDone,
    },
  };
}
