import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { rateLimitKind } from '../../../shared/catalog/kinds/rate-limit.js';
import { createLimiter } from '../limiters/create-limiter.js';
import type { Limiter } from '../limiters/limiter.js';
import type { GateBehavior, NodeContext } from '../node-behavior.js';

type Params = ParamsOf<typeof rateLimitKind>;

export function createRateLimit(ctx: NodeContext<Params>): GateBehavior {
  let p = ctx.params;
  let limiter: Limiter = createLimiter(p, ctx.clock.now());
  return {
    type: 'gate',
    get limiter() {
      return limiter;
    },
    get mode() {
      return p.mode;
    },
    get rate() {
      return p.rate;
    },
    update(params, now) {
      const same = (params as Params).algorithm === p.algorithm;
      p = params as Params;
      const previous = limiter;
      limiter = createLimiter(p, now);
      // Same algorithm: carry on from what was used up, or every live edit would let a burst through.
      if (same) limiter.continueFrom(previous, now);
    },
  };
}
