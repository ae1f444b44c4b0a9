/**
 * Bytes a group of writers may put on disk together: every `file` sink of one run (the run's
 * budget), or of every run on the server (the server's). Runs write from their own threads, so
 * the count lives in a SharedArrayBuffer and is taken with compare-and-swap: two sinks racing
 * for the last bytes cannot both get them, and nothing lands on disk past the budget.
 * Structured clone (the run's start message) shares the buffer instead of copying it.
 */
export interface DiskBudget {
  /** The setting that sets it, for messages (`SLUICE_MAX_RUN_FILES_BYTES`). */
  readonly setting: string;
  /** What it covers, for messages ("the run's files"). */
  readonly what: string;
  readonly limit: number;
  /** [0]: bytes taken so far. */
  readonly cells: BigInt64Array;
}

/** @example const perRun = diskBudget("the run's files", 256 * 2 ** 20, 'SLUICE_MAX_RUN_FILES_BYTES'); */
export function diskBudget(what: string, limit: number, setting: string, used = 0): DiskBudget {
  const cells = new BigInt64Array(new SharedArrayBuffer(8));
  cells[0] = BigInt(Math.max(0, Math.round(used)));
  return { what, limit, setting, cells };
}

/** Takes `n` bytes if they fit, all or nothing. */
export function tryTake(budget: DiskBudget, n: number): boolean {
  const want = BigInt(n);
  const limit = BigInt(budget.limit);
  for (;;) {
    const cur = Atomics.load(budget.cells, 0);
    if (cur + want > limit) return false;
    if (Atomics.compareExchange(budget.cells, 0, cur, cur + want) === cur) return true;
  }
}

/** Gives back bytes (removed files, a reservation not used); never below zero. */
export function giveBack(budget: DiskBudget, n: number): void {
  const give = BigInt(Math.max(0, Math.round(n)));
  for (;;) {
    const cur = Atomics.load(budget.cells, 0);
    const next = cur > give ? cur - give : 0n;
    if (Atomics.compareExchange(budget.cells, 0, cur, next) === cur) return;
  }
}

export function takenBytes(budget: DiskBudget): number {
  return Number(Atomics.load(budget.cells, 0));
}

/**
 * Takes bytes for as many of `sizes` (in order) as fit in every budget, all budgets or none for
 * each; returns how many fit. One take for the whole batch when it fits, line by line only at
 * the edge.
 */
export function takeForLines(budgets: readonly DiskBudget[], sizes: readonly number[]): number {
  let total = 0;
  for (const s of sizes) total += s;
  if (takeAll(budgets, total)) return sizes.length;
  let n = 0;
  while (n < sizes.length && takeAll(budgets, sizes[n]!)) n++;
  return n;
}

/** The first budget that has no room for `n` more bytes, if any. */
export function fullBudget(budgets: readonly DiskBudget[], n: number): DiskBudget | undefined {
  return budgets.find((b) => takenBytes(b) + n > b.limit);
}

function takeAll(budgets: readonly DiskBudget[], n: number): boolean {
  for (let i = 0; i < budgets.length; i++) {
    if (tryTake(budgets[i]!, n)) continue;
    for (let j = 0; j < i; j++) giveBack(budgets[j]!, n);
    return false;
  }
  return true;
}

/** "256 MB" */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
