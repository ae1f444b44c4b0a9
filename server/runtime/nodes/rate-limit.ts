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
    update(params, now) {
      p = params as Params;
      // A new rate or size starts a fresh limiter: a full bucket, an empty window.
      limiter = createLimiter(p, now);
    },
  };
}
