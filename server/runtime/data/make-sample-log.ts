/**
 * Generates the bundled sample log (`sample.log`, replayed by the `log-replay` kind). Deterministic:
 * the same seed gives the same bytes, and a test checks that the committed file is what this makes.
 *
 *   npx tsx server/runtime/data/make-sample-log.ts     # rewrites server/runtime/data/sample.log
 *
 * About 4,000 lines of a web shop's API over about 7 minutes, ~10 lines/s: mostly INFO, some
 * DEBUG, background WARN (~6 %) and ERROR (~1.5 %). One incident: latency creeps up for ~15 s, then
 * the payments upstream fails for ~22 s (a burst where most lines are ERRORs), then recovers.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../random.js';

export const SAMPLE_LOG_START = Date.UTC(2024, 2, 14, 9, 0, 0);
export const SAMPLE_LOG_LINES = 4_000;
/** Log time (ms after the start) of the incident's ERROR burst. */
export const INCIDENT = { warnFromMs: 235_000, errorFromMs: 250_000, errorToMs: 272_000 } as const;

type Rand = () => number;
type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
type Phase = 'normal' | 'degraded' | 'outage';

const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const PRODUCTS = ['espresso-beans', 'grinder', 'kettle', 'filter-papers', 'mug', 'scale', 'dripper'];
const SERVICES = ['payments', 'inventory', 'shipping', 'search'];

function info(r: Rand, slow: number): string {
  const x = r();
  if (x < 0.3) return `GET /api/products/${int(r, 1, 400)} status=200 latencyMs=${int(r, 4, 40) * slow}`;
  if (x < 0.5) return `GET /api/orders/${int(r, 10_000, 99_999)} status=200 latencyMs=${int(r, 12, 80) * slow}`;
  if (x < 0.62)
    return `POST /api/cart status=200 latencyMs=${int(r, 8, 60) * slow} product=${pick(r, PRODUCTS)} qty=${int(r, 1, 4)}`;
  if (x < 0.72)
    return `POST /api/checkout status=201 latencyMs=${int(r, 90, 260) * slow} items=${int(r, 1, 6)} order=${int(r, 10_000, 99_999)}`;
  if (x < 0.8) return `GET /api/search status=200 latencyMs=${int(r, 20, 120) * slow} q="${pick(r, PRODUCTS)}"`;
  if (x < 0.86) return `user login user=u${int(r, 1, 5_000)} method=${pick(r, ['password', 'sso', 'token'])}`;
  if (x < 0.91)
    return `payment authorised order=${int(r, 10_000, 99_999)} amountCents=${int(r, 499, 25_000)} latencyMs=${int(r, 80, 250) * slow}`;
  if (x < 0.95) return `GET /api/orders/${int(r, 10_000, 99_999)} status=404 latencyMs=${int(r, 3, 15)}`;
  return `health check ok latencyMs=${int(r, 1, 3)}`;
}

function debug(r: Rand): string {
  const x = r();
  if (x < 0.4) return `cache hit key=product:${int(r, 1, 400)}`;
  if (x < 0.6) return `cache miss key=product:${int(r, 1, 400)} loadMs=${int(r, 2, 30)}`;
  return `db pool acquired conn=${int(r, 0, 15)} waitMs=${int(r, 0, 3)}`;
}

function warn(r: Rand, phase: Phase): string {
  if (phase !== 'normal' && r() < 0.7)
    return `slow upstream service=payments latencyMs=${int(r, 1_500, 4_800)} attempt=${int(r, 1, 3)}`;
  const x = r();
  if (x < 0.4) return `slow query table=${pick(r, ['orders', 'products', 'carts'])} durationMs=${int(r, 500, 1_500)} rows=${int(r, 100, 20_000)}`;
  if (x < 0.7) return `GET /api/search status=429 latencyMs=${int(r, 1, 5)} reason="rate limited" client=c${int(r, 1, 90)}`;
  return `retrying request service=${pick(r, SERVICES)} attempt=2 latencyMs=${int(r, 800, 2_000)}`;
}

function error(r: Rand, phase: Phase): string {
  if (phase === 'outage') {
    const x = r();
    if (x < 0.55)
      return `POST /api/checkout status=504 latencyMs=${int(r, 5_000, 5_200)} service=payments error="upstream timeout"`;
    if (x < 0.85)
      return `payment failed order=${int(r, 10_000, 99_999)} status=503 service=payments error="connection refused"`;
    return `circuit breaker open service=payments failures=${int(r, 20, 400)}`;
  }
  const x = r();
  if (x < 0.5)
    return `POST /api/checkout status=500 latencyMs=${int(r, 20, 300)} error="NullPointerException in CartService"`;
  if (x < 0.8) return `db query failed table=inventory status=500 error="deadlock detected" latencyMs=${int(r, 50, 900)}`;
  return `GET /api/orders/${int(r, 10_000, 99_999)} status=502 latencyMs=${int(r, 30, 3_000)} service=shipping`;
}

/** Level shares per phase: [DEBUG, INFO, WARN] cumulative; the rest is ERROR. */
const SHARES: Record<Phase, [number, number, number]> = {
  normal: [0.1, 0.925, 0.985],
  degraded: [0.08, 0.7, 0.97],
  outage: [0.02, 0.22, 0.3],
};

function phaseAt(t: number): Phase {
  if (t >= INCIDENT.errorFromMs && t < INCIDENT.errorToMs) return 'outage';
  if (t >= INCIDENT.warnFromMs && t < INCIDENT.errorFromMs) return 'degraded';
  return 'normal';
}

/** The sample log's text, `time|level|message` per line, ending with a newline. */
export function makeSampleLog(seed = 20_240_314): string {
  const r = seededRandom(seed);
  const lines: string[] = [];
  let t = 0;
  let recovered = false;
  for (let i = 0; i < SAMPLE_LOG_LINES; i++) {
    const phase = phaseAt(t);
    // Arrivals are Poisson around 10 lines/s; the outage logs faster (errors and retries).
    const meanGapMs = phase === 'outage' ? 60 : 100;
    t += Math.max(1, Math.round(-Math.log(1 - r()) * meanGapMs));
    const [d, n, w] = SHARES[phase];
    const slow = phase === 'normal' ? 1 : 3;
    const x = r();
    let level: Level;
    let message: string;
    if (!recovered && t >= INCIDENT.errorToMs) {
      recovered = true;
      level = 'INFO';
      message = 'circuit breaker closed service=payments';
    } else if (x < d) [level, message] = ['DEBUG', debug(r)];
    else if (x < n) [level, message] = ['INFO', info(r, slow)];
    else if (x < w) [level, message] = ['WARN', warn(r, phase)];
    else [level, message] = ['ERROR', error(r, phase)];
    lines.push(`${new Date(SAMPLE_LOG_START + t).toISOString()}|${level}|${message}`);
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = fileURLToPath(new URL('./sample.log', import.meta.url));
  writeFileSync(target, makeSampleLog());
  console.log(`wrote ${target}`);
}
