/**
 * One measurement of the nats section, in a process of its own (a clean peak RSS, nothing else
 * on the loop). argv: `edge` (raw JetStream vs one Sluice nats edge, and latency per hop) or
 * `workload` (100,000 JSON messages through one nats edge). Prints one JSON object.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, createInbox } from '@nats-io/transport-node';
import { brokerNames, createEdgeStream, deleteRunStreams } from '../server/distributed/broker-streams.js';
import { linkedRuns } from '../server/distributed/test-parts.js';
import { type Clock, realClock } from '../server/runtime/clock.js';
import type { Item } from '../server/runtime/node-behavior.js';
import { startRun } from '../server/runtime/start-run.js';
import { planOf } from '../server/runtime/test-graphs.js';
import { startNats } from '../server/test-helpers/nats-server.js';

const CAP = 1024;
const mode = process.argv[2];
const n = Number(process.argv[3] ?? 50_000);
/** Sub-ms wall time, one origin for every run of this process: latencies between runs are exact. */
const wall = () => performance.timeOrigin + performance.now();
const clock: Clock = { ...realClock, wallNow: wall };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

const nats = await startNats();
const nc = await connect({ servers: nats.url });
const jsm = await jetstreamManager(nc);
let run = 0;

/** generator → [nats e1] → counter; items/s and each item's source→sink latency. */
async function throughNats(count: number, rate: number | null) {
  const runId = `b${++run}`;
  const lat: number[] = [];
  const pair = await linkedRuns(nc, jsm, {
    runId,
    source: { rate, count },
    edge: { capacity: CAP, overflow: 'block' },
    consumer: [['out', 'counter']],
    clock,
    probe: (items) => {
      const now = wall();
      for (const i of items) lat.push(now - (i.ts as number));
    },
  });
  const t0 = performance.now();
  const [, c] = await Promise.all([pair.producer.done, pair.consumer.done]);
  const s = (performance.now() - t0) / 1000;
  await deleteRunStreams(jsm, runId);
  if (c.totals.delivered !== count) throw new Error(`nats edge delivered ${c.totals.delivered} of ${count}`);
  return { perS: count / s, p50: pct(lat, 50), p99: pct(lat, 99) };
}

/** The same graph on a memory edge: the latency a nats edge adds is the difference. */
async function throughMemory(count: number, rate: number) {
  const lat: number[] = [];
  const plan = planOf(
    [
      ['src', 'generator', { rate, count }],
      ['out', 'counter'],
    ],
    [['src', 'out', { capacity: CAP }]],
  );
  const probe = (_id: string, items: readonly Item[]) => {
    const now = wall();
    for (const i of items) lat.push(now - (i.ts as number));
  };
  await startRun(plan, { runId: 'mem', clock, probe }).done;
  return { p50: pct(lat, 50), p99: pct(lat, 99) };
}

/**
 * Raw JetStream on the same stream settings, no Sluice runtime: JSON items published 256 in flight
 * (plain publishes with a reply subject, as the edge does: js.publish costs two stack traces per
 * call), a full stream retried after 1 ms; `consume` (1024 buffered) parses and acks each message.
 */
async function raw(count: number) {
  const names = brokerNames('raw', 'e1');
  await createEdgeStream(jsm, names, CAP, 'block');
  const consumer = await jetstream(nc).consumers.get(names.stream, names.consumer);
  let got = 0;
  const t0 = performance.now();
  const done = new Promise<void>((resolve) => {
    void consumer.consume({
      max_messages: 1024,
      callback: (m) => {
        JSON.parse(m.string());
        m.ack();
        if (++got === count) resolve();
      },
    });
  });
  const inbox = createInbox();
  let inflight = 0;
  let wake: (() => void) | undefined;
  const send = (i: number) => {
    inflight++;
    const item = { id: i, ts: Date.now(), key: 'k1', value: i % 1000 };
    nc.publish(names.subject, JSON.stringify(item), { reply: `${inbox}.${i}` });
  };
  nc.subscribe(`${inbox}.*`, {
    callback: (_e, m) => {
      inflight--;
      const i = Number(m.subject.slice(inbox.length + 1));
      if (m.json<{ error?: unknown }>().error) setTimeout(() => send(i), 1);
      else wake?.();
    },
  });
  for (let i = 0; i < count; i++) {
    while (inflight >= 256) await new Promise<void>((r) => (wake = r));
    send(i);
  }
  await done;
  const perS = count / ((performance.now() - t0) / 1000);
  await deleteRunStreams(jsm, 'raw');
  return { perS };
}

let out: Record<string, unknown>;
if (mode === 'edge') {
  await throughNats(2000, null); // warm-up
  const rawRate = await raw(n);
  const edge = await throughNats(n, null);
  const rate = 2000;
  const memLat = await throughMemory(4 * rate, rate);
  const natsLat = await throughNats(4 * rate, rate);
  out = {
    raw: rawRate.perS,
    edge: edge.perS,
    rate,
    mem: memLat,
    nats: { p50: natsLat.p50, p99: natsLat.p99 },
  };
} else {
  const r = await throughNats(n, null);
  out = { perS: r.perS, p99: r.p99, p50: r.p50, rssMb: process.resourceUsage().maxRSS / 1024 };
}
await nc.close();
await nats.stop();
process.stdout.write(JSON.stringify(out));
