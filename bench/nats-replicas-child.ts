/**
 * The replicas rows of the nats section, in a process of its own: a nats-server, four runner
 * processes (2 slots each) and this process as the coordinator, as `sluice run --nats` is. For
 * r = 1, 2, 4 and load wait, then cpu: generator(count N) → worker(2 ms, replicas r) → counter.
 * argv: N. Prints one JSON object: { wait: Row[], cpu: Row[] }.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { clusterForCli } from '../server/cli/cluster-for-cli.js';
import { startDistributed } from '../server/distributed/start-distributed.js';
import { startNats } from '../server/test-helpers/nats-server.js';
import { compileGraph } from '../shared/compiler/compile.js';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';

const n = Number(process.argv[2] ?? 3000);
const RUNNERS = 4;
const SERVICE_MS = 2;
const here = fileURLToPath(import.meta.url);
/** Built JavaScript beside this file when the bench runs built; the sources (with tsx) otherwise. */
const runnerMain = path.join(path.dirname(here), `../server/runner/main${path.extname(here)}`);

export interface Row {
  replicas: number;
  /** The stage's items/s while it delivered 20 %…80 % of N (part start-up excluded). */
  perS: number;
  /** Wall seconds from start to end, start-up included. */
  wallS: number;
  /** The fewest replicas the frames listed running in that window (start-up can leave some late). */
  running: number;
  /** The replicas' mean idle share in that window: near 0 when the stage itself is the limit. */
  idle: number;
}

/** A runner process, resolved once it has announced itself. */
function startRunner(natsUrl: string, id: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...process.execArgv, runnerMain], {
    env: {
      ...process.env,
      SLUICE_NATS_URL: natsUrl,
      SLUICE_RUNNER_SLOTS: '2',
      SLUICE_RUNNER_ID: id,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-5_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runner ${id} not ready in 60 s\n${stderr}`)), 60_000);
    child.once('exit', (code) =>
      reject(new Error(`runner ${id} exited (${code}) before it was ready\n${stderr}`)),
    );
    // Read every line (an unread pipe would stall the runner once its buffer fills).
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"runner is ready"')) return;
      clearTimeout(timer);
      resolve(child);
    });
  });
}

function graph(replicas: number, load: 'wait' | 'cpu') {
  return {
    schemaVersion: 1,
    name: `bench replicas ${replicas} ${load}`,
    nodes: [
      { id: 'gen', kind: 'generator', position: { x: 0, y: 0 }, params: { rate: null, count: n } },
      {
        id: 'work',
        kind: 'worker',
        position: { x: 200, y: 0 },
        params: { serviceTimeMs: SERVICE_MS, load },
        replicas,
      },
      { id: 'out', kind: 'counter', position: { x: 400, y: 0 }, params: {} },
    ],
    edges: [
      { id: 'e1', source: 'gen', sourcePort: 'out', target: 'work', targetPort: 'in' },
      { id: 'e2', source: 'work', sourcePort: 'out', target: 'out', targetPort: 'in' },
    ],
  };
}

/** Items/s of `work` between the first frames at or past 20 % and 80 % of N processed. */
function steadyRate(frames: TelemetryFrame[]): Pick<Row, 'perS' | 'running' | 'idle'> {
  const i = frames.findIndex((f) => (f.nodes.work?.processed ?? 0) >= 0.2 * n);
  const j = frames.findIndex((f) => (f.nodes.work?.processed ?? 0) >= 0.8 * n);
  const a = frames[i];
  const b = frames[j];
  if (!a || !b || b.t <= a.t) throw new Error('too few frames between 20 % and 80 % of N: raise N');
  const window = frames.slice(i, j + 1).map((f) => f.nodes.work!);
  const idleOf = (w: (typeof window)[number]) =>
    w.replicas?.length ? w.replicas.reduce((s, r) => s + r.idle, 0) / w.replicas.length : w.idle;
  return {
    perS: (b.nodes.work!.processed - a.nodes.work!.processed) / ((b.t - a.t) / 1000),
    running: Math.min(...window.map((w) => w.replicas?.length ?? 1)),
    idle: window.reduce((s, w) => s + idleOf(w), 0) / window.length,
  };
}

const nats = await startNats();
const runners: ChildProcess[] = [];
let cluster: Awaited<ReturnType<typeof clusterForCli>> | undefined;
try {
  for (let i = 1; i <= RUNNERS; i++) runners.push(await startRunner(nats.url, `bench-r${i}`));
  cluster = await clusterForCli(nats.url);
  const out: Record<'wait' | 'cpu', Row[]> = { wait: [], cpu: [] };
  let seq = 0;
  for (const load of ['wait', 'cpu'] as const) {
    for (const replicas of [1, 2, 4]) {
      const compiled = compileGraph(graph(replicas, load), { natsConfigured: true });
      if (!compiled.ok) throw new Error(`graph does not compile: ${JSON.stringify(compiled.issues)}`);
      const frames: TelemetryFrame[] = [];
      const t0 = performance.now();
      const run = startDistributed(compiled.plan, {
        runId: `bench-${Date.now().toString(36)}-${++seq}`,
        telemetryHz: 10,
        cluster,
        onFrame: (f) => frames.push(f),
      });
      const result = await run.done;
      const wallS = (performance.now() - t0) / 1000;
      // A fast wrong answer never wins: every item delivered, exactly once.
      if (result.status !== 'completed' || result.totals.delivered !== n)
        throw new Error(
          `${load} ×${replicas}: ${result.status}, delivered ${result.totals.delivered} of ${n}` +
            `${result.error ? ` (${result.error.message})` : ''}`,
        );
      out[load].push({ replicas, wallS, ...steadyRate(frames) });
    }
  }
  process.stdout.write(JSON.stringify(out));
} finally {
  await cluster?.close();
  await Promise.all(
    runners.map((r) => {
      const exited = new Promise((res) => r.once('exit', res));
      r.kill('SIGTERM');
      return exited;
    }),
  );
  await nats.stop();
}
