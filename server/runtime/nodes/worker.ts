import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { workerKind } from '../../../shared/catalog/kinds/worker.js';
import type { NodeContext, ServiceBehavior } from '../node-behavior.js';

type Params = ParamsOf<typeof workerKind>;

export function createWorker(ctx: NodeContext<Params>): ServiceBehavior {
  let p = ctx.params;
  return {
    type: 'service',
    get concurrency() {
      return p.concurrency;
    },
    serviceTime() {
      const mean = p.serviceTimeMs;
      if (p.distribution === 'uniform') return ctx.random() * 2 * mean;
      if (p.distribution === 'exponential') return -Math.log(1 - ctx.random()) * mean;
      return mean;
    },
    fails() {
      return p.failureRate > 0 && ctx.random() < p.failureRate ? 'simulated failure' : undefined;
    },
    update(params) {
      p = params as Params;
    },
  };
}
