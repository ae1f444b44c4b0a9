import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { workerKind } from '../../../shared/catalog/kinds/worker.js';
import type { NodeContext, ServiceBehavior } from '../node-behavior.js';

type Params = ParamsOf<typeof workerKind>;

/**
 * Burns `ms` of real CPU on this thread. Real time, not the run's clock: the point is to hold the
 * thread as a parsing or compression stage would (a fake clock would never advance inside the loop).
 */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: nothing else on this thread runs meanwhile
  }
}

export function createWorker(ctx: NodeContext<Params>): ServiceBehavior {
  let p = ctx.params;
  const draw = () => {
    const mean = p.serviceTimeMs;
    if (p.distribution === 'uniform') return ctx.random() * 2 * mean;
    if (p.distribution === 'exponential') return -Math.log(1 - ctx.random()) * mean;
    return mean;
  };
  return {
    type: 'service',
    get concurrency() {
      return p.concurrency;
    },
    get load() {
      return p.load;
    },
    serviceTime() {
      const st = draw();
      // `cpu`: the time is spent here, before the executor schedules the item; its deadline
      // (previous one + st) has then passed already, so it does not sleep on top of the spin.
      if (p.load === 'cpu') spin(st);
      return st;
    },
    fails() {
      return p.failureRate > 0 && ctx.random() < p.failureRate ? 'simulated failure' : undefined;
    },
    update(params) {
      p = params as Params;
    },
  };
}
