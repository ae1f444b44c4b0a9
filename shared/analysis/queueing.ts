/**
 * Textbook queueing models, to put theory beside what a run measures. Times are ms, rates
 * items/s. A model describes a stable queue only: at ρ ≥ 1 it has no steady state (the queue
 * grows without bound, or, bounded, fills) and these return undefined.
 */

/**
 * Utilization ρ = arrivals/s × mean service time ÷ servers: the share of its capacity a node is
 * asked for. 1 or more means it cannot keep up.
 *
 * @example utilization(2000, 2, 1) // 4: four times what one 2 ms lane can serve
 */
export function utilization(arrivalsPerS: number, meanServiceMs: number, servers: number): number {
  if (!(servers > 0)) return 0;
  return (arrivalsPerS * meanServiceMs) / 1000 / servers;
}

/** What a model predicts for a steady queue: mean wait in queue and in system (ms), mean lengths. */
export interface QueuePrediction {
  model: 'M/M/c' | 'M/D/1';
  /** Utilization per server. */
  rho: number;
  /** Mean ms an item waits in the queue before service (Wq). */
  waitMs: number;
  /** Mean items waiting in the queue, not in service (Lq = λ·Wq). */
  queueLength: number;
  /** Mean ms in the system: wait plus service (W = Wq + S). */
  systemMs: number;
  /** Mean items in the system (L = λ·W). */
  systemLength: number;
}

/**
 * Erlang C: the probability that an arrival has to wait, for `servers` servers offered `load`
 * erlangs (λ·S). Through the Erlang B recursion, so 1,024 servers do not overflow a factorial.
 *
 * @example erlangC(2, 1) // 1/3
 */
export function erlangC(servers: number, load: number): number {
  const rho = load / servers;
  if (rho >= 1) return 1;
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b / (1 - rho * (1 - b));
}

function prediction(
  model: QueuePrediction['model'],
  arrivalsPerS: number,
  serviceMs: number,
  rho: number,
  waitMs: number,
): QueuePrediction {
  const perMs = arrivalsPerS / 1000;
  return {
    model,
    rho,
    waitMs,
    queueLength: perMs * waitMs,
    systemMs: waitMs + serviceMs,
    systemLength: perMs * (waitMs + serviceMs),
  };
}

/**
 * M/M/c: Poisson arrivals, exponential service times, `servers` lanes, unbounded FIFO queue.
 *
 * @example mmc(800, 1, 1)?.waitMs // 4: ρ = 0.8, Wq = ρ·S / (1 − ρ)
 */
export function mmc(arrivalsPerS: number, serviceMs: number, servers: number): QueuePrediction | undefined {
  const rho = utilization(arrivalsPerS, serviceMs, servers);
  if (!(rho < 1) || !(arrivalsPerS > 0) || !(serviceMs > 0)) return undefined;
  const load = rho * servers;
  const waitMs = (erlangC(servers, load) * serviceMs) / (servers * (1 - rho));
  return prediction('M/M/c', arrivalsPerS, serviceMs, rho, waitMs);
}

/**
 * M/D/1: Poisson arrivals, one lane with a constant service time (Pollaczek–Khinchine with no
 * service variance): half the M/M/1 wait.
 *
 * @example md1(500, 1)?.waitMs // 0.5: ρ = 0.5, Wq = ρ·S / (2(1 − ρ))
 */
export function md1(arrivalsPerS: number, serviceMs: number): QueuePrediction | undefined {
  const rho = utilization(arrivalsPerS, serviceMs, 1);
  if (!(rho < 1) || !(arrivalsPerS > 0) || !(serviceMs > 0)) return undefined;
  return prediction('M/D/1', arrivalsPerS, serviceMs, rho, (rho * serviceMs) / (2 * (1 - rho)));
}
