import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { generatorKind } from '../../../shared/catalog/kinds/generator.js';
import { STEP_PEAK_FACTOR } from '../../../shared/catalog/kinds/source-rates.js';
import type { Item, NodeContext, SourceBehavior } from '../node-behavior.js';

type Params = ParamsOf<typeof generatorKind>;

/** Items scheduled by the pattern in the first `t` ms after the schedule's base. */
export function scheduled(p: Params, t: number): number {
  const rate = p.rate ?? Number.POSITIVE_INFINITY;
  if (t <= 0) return 0;
  switch (p.pattern) {
    case 'burst': {
      const cycle = p.burstOnMs + p.burstOffMs;
      const full = Math.floor(t / cycle);
      const inCycle = Math.min(t - full * cycle, p.burstOnMs);
      return ((full * p.burstOnMs + inCycle) * rate) / 1000;
    }
    case 'step': {
      // rate × k during the k-th step (k = 1..STEP_PEAK_FACTOR), then flat at STEP_PEAK_FACTOR × rate.
      const k = Math.floor(t / p.stepEveryMs);
      const full = Math.min(k, STEP_PEAK_FACTOR);
      const done = ((full * (full + 1)) / 2) * p.stepEveryMs;
      const rest = t - full * p.stepEveryMs;
      return ((done + rest * Math.min(full + 1, STEP_PEAK_FACTOR)) * rate) / 1000;
    }
    default:
      return (t * rate) / 1000;
  }
}

/** uint32 values scaled by 1 / 2^32 fall in [0, 1). */
const TWO_POW_32 = 4294967296;

export function createGenerator(ctx: NodeContext<Params>): SourceBehavior {
  let p = ctx.params;
  let base = 0; // run ms where the current schedule starts
  let madeSinceBase = 0;
  let made = 0;
  let nextPoisson = 0;
  let arrived = 0; // poisson arrivals since the schedule's base, made or not yet
  const keyNames = Array.from({ length: Math.min(p.keys, 10_000) }, (_, i) => `k${i}`);
  const payload = p.payloadBytes > 0 ? 'x'.repeat(p.payloadBytes) : undefined;
  /** The values' own random stream, seeded from the node's: runs stay reproducible. */
  let valueState = (ctx.random() * TWO_POW_32) | 0;
  const left = () => (p.count === null ? Number.POSITIVE_INFINITY : p.count - made);

  const behavior: SourceBehavior = {
    type: 'source',
    get loop() {
      return p.loop;
    },
    get finished() {
      return left() <= 0;
    },
    due(now) {
      if (p.rate === null) return left();
      if (p.pattern === 'poisson') {
        // Arrivals accumulate until made: more than one batch's worth stays due for the next turn.
        let n = 0;
        while (nextPoisson <= now && n < 100_000) {
          n++;
          nextPoisson += (-Math.log(1 - ctx.random()) * 1000) / p.rate;
        }
        arrived += n;
        return Math.min(arrived - madeSinceBase, left());
      }
      // (1 + 1e-12): at `nextDueAt` the float product t × rate / 1000 may land just under the whole
      // number it stands for; without the nudge no item is due and the source wakes again at once.
      return Math.min(Math.floor(scheduled(p, now - base) * (1 + 1e-12)) - madeSinceBase, left());
    },
    nextDueAt(now) {
      if (left() <= 0) return Number.POSITIVE_INFINITY;
      if (p.rate === null) return now;
      if (p.pattern === 'poisson') return nextPoisson;
      if (p.pattern === 'constant') return base + ((madeSinceBase + 1) * 1000) / p.rate;
      // Burst and step: the rate changes with time; poll at the item spacing, at most every 20 ms.
      return now + Math.min(20, Math.max(1, 1000 / p.rate));
    },
    make(n, wallNow) {
      const items: Item[] = new Array(n);
      // Per item: one literal (every item gets one shape), integer and exact float arithmetic only.
      // Measured per item: a uint32 `%` (a float remainder) cost 9 ns, a call into the shared
      // seeded random 5–10 ns (its state lives in a closure slot); both are gone from this loop.
      const names = keyNames;
      const keyScale = names.length / TWO_POW_32;
      // Up to 1024 keys, the key's scaling stays in int32 arithmetic too (see below).
      const fewKeys = names.length <= 1024;
      let s = valueState;
      for (let i = 0; i < n; i++) {
        const id = made + i;
        // mulberry32, its state in a local for the batch.
        s = (s + 0x6d2b79f5) | 0;
        let t = Math.imul(s ^ (s >>> 15), s | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        // Keys spread by a multiplicative hash of the id, scaled into range by its top bits: 21 bits
        // × up to 1024 keys stays below 2^31 (each key gets 2^21 / keys ≥ 2048 hash values, so no
        // key is favoured by more than 1 in 2048); more keys take all 32 bits, in doubles (exact:
        // u × k < 2^53).
        const h = Math.imul(id, 2654435761);
        const key = fewKeys
          ? names[((h >>> 11) * names.length) >>> 21]
          : names[Math.floor((h >>> 0) * keyScale)];
        const item: Item = {
          id,
          ts: wallNow,
          key: key!,
          // Uniform 0–999 from the top 21 bits, in int32 arithmetic: each value gets 2097 or 2098
          // of the 2^21 (within 1 in 2097 of uniform), where doubles cost ~2 ns per item more.
          value: (((t ^ (t >>> 14)) >>> 11) * 1000) >>> 21,
        };
        if (payload !== undefined) item.payload = payload;
        items[i] = item;
      }
      valueState = s;
      made += n;
      madeSinceBase += n;
      return items;
    },
    heldBack(blockedMs) {
      // Closed loop: time spent blocked is not owed, so the schedule (and its phase) moves on by it.
      base += blockedMs;
      if (p.pattern === 'poisson') nextPoisson += blockedMs;
    },
    update(params, now) {
      p = params as Params;
      base = now;
      madeSinceBase = 0;
      arrived = 0;
      nextPoisson = now;
    },
  };
  behavior.update(p, ctx.clock.now()); // the schedule starts now, not at the clock's origin
  return behavior;
}
