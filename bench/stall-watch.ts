import { PerformanceObserver, performance } from 'node:perf_hooks';

/** The longest gap of a 5 ms interval on this thread during a run, and what of it was GC. */
export interface Stall {
  /** The gap, including the time up to the run's end, ms. */
  ms: number;
  /** V8's GC pauses inside that gap, ms: what a stall left once GC is taken out is the code's own. */
  gcMs: number;
}

/**
 * Starts a 5 ms interval on this thread and returns a function that stops it and gives the worst
 * gap. GC pauses are recorded beside it (perf_hooks 'gc' entries), so the worst gap says how much
 * of it was a scavenge or mark-compact and how much a slice or a callback that did not yield.
 */
export function watchStalls(): () => Promise<Stall> {
  let last = performance.now();
  let worst = 0;
  let worstFrom = last;
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > worst) {
      worst = now - last;
      worstFrom = last;
    }
    last = now;
  }, 5);
  const pauses: Array<{ from: number; to: number }> = [];
  const note = (entries: readonly { startTime: number; duration: number }[]) => {
    for (const e of entries) pauses.push({ from: e.startTime, to: e.startTime + e.duration });
  };
  const gc = new PerformanceObserver((list) => note(list.getEntries()));
  gc.observe({ entryTypes: ['gc'] });
  return async () => {
    clearInterval(timer);
    const now = performance.now();
    if (now - last > worst) {
      worst = now - last;
      worstFrom = last;
    }
    // Node makes a GC's entry on a later turn of the loop: one turn, then what is still queued.
    await new Promise((resolve) => setImmediate(resolve));
    note(gc.takeRecords());
    gc.disconnect();
    return { ms: worst, gcMs: gcWithin(pauses, worstFrom, worstFrom + worst) };
  };
}

/** ms of `pauses` that fall inside [from, to]. */
export function gcWithin(pauses: readonly { from: number; to: number }[], from: number, to: number): number {
  let ms = 0;
  for (const p of pauses) ms += Math.max(0, Math.min(p.to, to) - Math.max(p.from, from));
  return ms;
}
