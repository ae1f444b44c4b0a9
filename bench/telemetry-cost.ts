/**
 * What 10 Hz telemetry costs, measured: the same workload with sampling on and off, over runs
 * long enough to emit periodic frames (the main rows of A and C last well under one period at
 * N = 2 M, so comparing them would compare two runs that never sample).
 */
import { fmtChange, fmtCount, median, timeRun } from './measure.js';
import type { SluiceBench, Workload } from './sluice.js';

/**
 * Each timed run lasts about this long: ≈30 periodic frames at 10 Hz, so that a loaded machine
 * (timers late, the rate below the estimate) still gets the 20 frames issue 21 asks for.
 */
const RUN_S = 3;

export interface TelemetryCost {
  n: number;
  rounds: number;
  /** Periodic frames per run with sampling on (median). */
  framesPerRun: number;
  /** Median over rounds of (rate on / rate off). */
  ratio: number;
}

/**
 * Times `rounds` pairs of runs of `w`, on and off in alternating order (a slow phase of the
 * machine falls on both sides), with n sized from `itemsPerSecond` for runs of ≈2 s.
 */
export async function measureTelemetryCost(
  on: SluiceBench,
  off: SluiceBench,
  w: Workload,
  stages: number,
  itemsPerSecond: number,
  rounds: number,
): Promise<TelemetryCost> {
  const n = Math.max(100_000, Math.round((itemsPerSecond * RUN_S) / 100_000) * 100_000);
  const ratios: number[] = [];
  const frames: number[] = [];
  // A warm-up pair at this size, untimed.
  await on.run(w, n, stages);
  await off.run(w, n, stages);
  for (let r = 0; r < rounds; r++) {
    const before = on.telemetry(w).frames;
    const first = r % 2 === 0 ? on : off;
    const second = first === on ? off : on;
    const a = await timeRun((k) => first.run(w, k, stages), n);
    const b = await timeRun((k) => second.run(w, k, stages), n);
    const [onMs, offMs] = first === on ? [a.ms, b.ms] : [b.ms, a.ms];
    ratios.push(offMs / onMs);
    frames.push(on.telemetry(w).frames - before);
  }
  return { n, rounds, framesPerRun: median(frames), ratio: median(ratios) };
}

export function formatTelemetryCost(c: TelemetryCost): string {
  return (
    `telemetry at 10 Hz, measured over runs of ≈${RUN_S} s (N = ${fmtCount(c.n)}, ${c.framesPerRun} periodic ` +
    `frames per run): ${fmtChange(c.ratio)} than off (median of ${c.rounds} paired rounds; target ≤ 3 %, issue 21)`
  );
}
