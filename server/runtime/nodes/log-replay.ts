import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { logReplayKind } from '../../../shared/catalog/kinds/log-replay.js';
import type { Item, NodeContext, SourceBehavior } from '../node-behavior.js';
import { sampleLogLines } from './sample-log.js';

type Params = ParamsOf<typeof logReplayKind>;

/**
 * Replays log lines at a constant rate. `lines` is injectable for tests; the kind replays the
 * bundled sample log.
 */
export function createLogReplay(
  ctx: NodeContext<Params>,
  lines: readonly string[] = sampleLogLines(),
): SourceBehavior {
  let p = ctx.params;
  let base = 0; // run ms where the current schedule starts
  let madeSinceBase = 0;
  let made = 0;
  const total = p.atEnd === 'stop' ? lines.length : Number.POSITIVE_INFINITY;
  const left = () => total - made;

  const behavior: SourceBehavior = {
    type: 'source',
    get loop() {
      return p.loop;
    },
    get finished() {
      return left() <= 0 || lines.length === 0;
    },
    due(now) {
      if (lines.length === 0) return 0;
      if (p.rate === null) return left();
      return Math.min(Math.floor(((now - base) * p.rate) / 1000) - madeSinceBase, left());
    },
    nextDueAt(now) {
      if (left() <= 0) return Number.POSITIVE_INFINITY;
      if (p.rate === null) return now;
      return base + ((madeSinceBase + 1) * 1000) / p.rate;
    },
    make(n, wallNow) {
      const items: Item[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const id = made + i;
        items[i] = { id, ts: wallNow, line: lines[id % lines.length]! };
      }
      made += n;
      madeSinceBase += n;
      return items;
    },
    heldBack(blockedMs) {
      // Closed loop: time spent blocked is not owed, so the schedule moves on by it.
      base += blockedMs;
    },
    update(params, now) {
      p = params as Params;
      base = now;
      madeSinceBase = 0;
    },
  };
  behavior.update(p, ctx.clock.now());
  return behavior;
}
