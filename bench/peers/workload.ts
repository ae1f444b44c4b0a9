/**
 * The workloads every implementation runs, defined once so that all peers do the same work:
 * the same item shape, the same user functions, the same slow sink and the same checksums.
 *
 * A: source → map `value * 2` → filter `id % 2 == 0` → counter
 * B: the same into a slow sink (a small CPU spin and one awaited resolved promise per item)
 * C: source → `stages` × identity map → counter (stages = 0 is the baseline for ns per hop)
 */

/** The item a Sluice generator emits: `{ id, ts, key, value }`. */
export interface Item {
  id: number;
  ts: number;
  key: string;
  value: number;
}

/** What a sink saw: a fast wrong answer never wins, so every run returns this and it is checked. */
export interface Checksum {
  count: number;
  sum: number;
}

/** One implementation of the three workloads. */
export interface Peer {
  name: string;
  /** Workload A: n items through map → filter → counter. */
  a(n: number): Promise<Checksum>;
  /** Workload B: workload A into the slow sink. */
  b(n: number): Promise<Checksum>;
  /** Workload C: n items through `stages` identity maps into a counter. */
  c(n: number, stages: number): Promise<Checksum>;
  /** Items above which a workload is not run (e.g. a peer whose run time grows with N²), with why. */
  caps?: Partial<Record<'a' | 'b' | 'c', { maxN: number; why: string }>>;
}

/** A bounded set of 10 keys, built once so that every item shares the same strings. */
export const KEYS: readonly string[] = Array.from({ length: 10 }, (_, i) => `k${i}`);

let clock = Date.now();

/**
 * Builds item `id`. `ts` is epoch ms at emission, refreshed every 1024 items (one `Date.now()` per
 * item would cost more than a hop of the fastest peers and is not what is being compared).
 */
export function makeItem(id: number): Item {
  if ((id & 1023) === 0) clock = Date.now();
  return { id, ts: clock, key: KEYS[id % 10]!, value: (id * 31) % 1000 };
}

/** The map of workload A, `value * 2`, written as a user would: a new item literal. */
export function double(x: Item): Item {
  return { id: x.id, ts: x.ts, key: x.key, value: x.value * 2 };
}

/** The filter of workload A, `id % 2 == 0`. */
export function isEven(x: Item): boolean {
  return x.id % 2 === 0;
}

/** The map of workload C. */
export function identity(x: Item): Item {
  return x;
}

/**
 * Iterations of the sink's spin: sized so that a plain loop into this sink runs at ≈2.4 M source
 * items/s on the reference machine, the sink ceiling of performance.md.
 */
const SPIN = 600;
let spinSink = 0;
const RESOLVED: Promise<void> = Promise.resolve();

/** The slow sink of workload B: a small CPU spin, then one awaited resolved promise. */
export async function slowSink(x: Item): Promise<void> {
  let h = x.value | 0;
  for (let i = 0; i < SPIN; i++) h = (h * 33 + i) | 0;
  spinSink ^= h;
  await RESOLVED;
}

/** Keeps the spin's result observable so it cannot be optimised away. */
export function spinResult(): number {
  return spinSink;
}

/** A counting sink shared by the peers: count and sum of delivered values. */
export class Tally implements Checksum {
  count = 0;
  sum = 0;
  add(x: Item): void {
    this.count++;
    this.sum += x.value;
  }
  result(): Checksum {
    return { count: this.count, sum: this.sum };
  }
}

/** The checksum workloads A and B must produce for n items. */
export function expectedA(n: number): Checksum {
  let count = 0;
  let sum = 0;
  for (let id = 0; id < n; id += 2) {
    count++;
    sum += ((id * 31) % 1000) * 2;
  }
  return { count, sum };
}

/** The checksum workload C must produce for n items (any number of identity stages). */
export function expectedC(n: number): Checksum {
  let sum = 0;
  for (let id = 0; id < n; id++) sum += (id * 31) % 1000;
  return { count: n, sum };
}
