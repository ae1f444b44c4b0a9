import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { logKind } from '../../../shared/catalog/kinds/log.js';
import type { NodeContext, TransformBehavior } from '../node-behavior.js';
import { silentIo } from '../node-io.js';
import { compileLineFormat } from './line-format.js';

type Params = ParamsOf<typeof logKind>;

/**
 * Sampled console lines. A token bucket (burst = rate = `maxLinesPerSecond`) decides which items
 * become lines; the rest are only counted, so the cost of an item that is sampled out is one
 * compare, and nothing is ever queued for the console.
 */
export function createLog(ctx: NodeContext<Params>): TransformBehavior {
  const io = ctx.io ?? silentIo();
  let p = ctx.params;
  let format = compileLineFormat(p.format);
  let tokens = p.maxLinesPerSecond;
  let last = ctx.clock.now();
  let sampledOut = 0;
  let reported = 0;

  const refill = (now: number) => {
    tokens = Math.min(p.maxLinesPerSecond, tokens + ((now - last) * p.maxLinesPerSecond) / 1000);
    last = now;
  };
  const send = (lines: string[]) => {
    if (lines.length === 0 && sampledOut === reported) return;
    reported = sampledOut;
    io.send({ type: 'log', lines, sampledOut });
  };

  return {
    type: 'transform',
    process(items, _emit, now) {
      refill(now);
      const lines: string[] = [];
      for (let i = 0; i < items.length; i++) {
        if (tokens >= 1) {
          tokens -= 1;
          lines.push(format(items[i]!));
        } else sampledOut++;
      }
      if (lines.length > 0) send(lines);
    },
    finish() {
      send([]); // the final sampled-out count
    },
    update(params, now) {
      refill(now);
      p = params as Params;
      format = compileLineFormat(p.format);
      tokens = Math.min(tokens, p.maxLinesPerSecond);
    },
  };
}
