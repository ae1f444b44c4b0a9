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

export function createGenerator(ctx: NodeContext<Params>): SourceBehavior {
  let p = ctx.params;
  let base = 0; // run ms where the current schedule starts
  let madeSinceBase = 0;
  let made = 0;
  let nextPoisson = 0;
  let arrived = 0; // poisson arrivals since the schedule's base, made or not yet
  const keyNames = Array.from({ length: Math.min(p.keys, 10_000) }, (_, i) => `k${i}`);
  const payload = p.payloadBytes > 0 ? 'x'.repeat(p.payloadBytes) : undefined;
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
      // Locals, not property reads, inside the per-item loop; one literal so every item gets one shape.
      const random = ctx.random;
      const names = keyNames;
      const keyCount = names.length;
      for (let i = 0; i < n; i++) {
        const id = made + i;
        const item: Item = {
          id,
          ts: wallNow,
          key: names[(Math.imul(id, 2654435761) >>> 0) % keyCount]!,
          value: Math.floor(random() * 1000),
        };
        if (payload !== undefined) item.payload = payload;
        items[i] = item;
      }
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
