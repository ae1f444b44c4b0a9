/**
 * The nats section of `npm run bench`: one Sluice `nats` edge (JetStream) against raw JetStream
 * publish + consume on this machine (the engine's limit here), the latency the edge adds per hop,
 * and the 100,000-JSON-message workload of a published Go-vs-Rust stream benchmark. Each part
 * runs in a child process with its own nats-server (BENCH_NATS_N items, default 50,000).
 * Skipped, with a line saying so, when nats-server is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATS_SERVER_BIN } from '../server/test-helpers/nats-server.js';

/** The published benchmark's table (14-core Xeon): a different machine from this one. */
const PUBLISHED = [
  { name: 'Go (published)', perS: 42_800, rssMb: 142, p99: 18.7 },
  { name: 'Rust (published)', perS: 68_300, rssMb: 89, p99: 6.2 },
];

interface EdgeResult {
  raw: number;
  edge: number;
  rate: number;
  mem: { p50: number; p99: number };
  nats: { p50: number; p99: number };
}
interface WorkloadResult {
  perS: number;
  p50: number;
  p99: number;
  rssMb: number;
}

function child<T>(mode: string, n: number): T {
  const here = fileURLToPath(import.meta.url);
  const file = path.join(path.dirname(here), `nats-child${path.extname(here)}`);
  const out = execFileSync(process.execPath, [...process.execArgv, file, mode, String(n)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as T;
}

export function natsServerVersion(): string | null {
  const r = spawnSync(NATS_SERVER_BIN, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const f0 = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => x.toFixed(2);

export function measureNats(n = Number(process.env.BENCH_NATS_N ?? 50_000)): string {
  const version = natsServerVersion();
  if (!version) return `\nNATS edge: skipped — ${NATS_SERVER_BIN} not found (apt-get install nats-server)`;
  const e = child<EdgeResult>('edge', n);
  const w = child<WorkloadResult>('workload', 100_000);
  const lines = [
    `\nNATS edge (${version}, local, memory storage; capacity 1024, block; each part in a child process)`,
    `  items/s, N = ${f0(n)} JSON items, generator → counter:`,
    `    raw JetStream publish (256 in flight) + consume/ack  ${f0(e.raw).padStart(9)} /s   (this engine's limit here)`,
    `    Sluice, one nats edge                                ${f0(e.edge).padStart(9)} /s   ${(e.edge / e.raw).toFixed(2)}× raw`,
    `  latency source → sink at ${f0(e.rate)} items/s (sub-ms wall clock, one origin):`,
    `    memory edge  p50 ${ms(e.mem.p50)} ms  p99 ${ms(e.mem.p99)} ms`,
    `    nats edge    p50 ${ms(e.nats.p50)} ms  p99 ${ms(e.nats.p99)} ms   added per hop: p50 ${ms(e.nats.p50 - e.mem.p50)} ms, p99 ${ms(e.nats.p99 - e.mem.p99)} ms`,
    '  100,000 JSON messages serialised, carried, deserialised through one nats edge (unlimited source;',
    '  latency includes time queued in the stream; RSS is this child: both parts, the client, no server):',
    `    ${'Sluice, one nats edge'.padEnd(22)} ${f0(w.perS).padStart(7)} msg/s  ${w.rssMb.toFixed(0).padStart(4)} MB  p99 ${w.p99.toFixed(1)} ms`,
    ...PUBLISHED.map(
      (p) =>
        `    ${p.name.padEnd(22)} ${f0(p.perS).padStart(7)} msg/s  ${String(p.rssMb).padStart(4)} MB  p99 ${p.p99} ms   ` +
        `(Sluice ${(w.perS / p.perS).toFixed(2)}× its rate)`,
    ),
    '    The published numbers are from a 14-core Xeon, not this machine: the ratios compare machines too.',
  ];
  return lines.join('\n');
}

// `node dist/bench/bench/nats.js`: this section alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(measureNats());
}
