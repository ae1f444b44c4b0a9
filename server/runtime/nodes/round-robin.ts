import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { roundRobinKind } from '../../../shared/catalog/kinds/round-robin.js';
import type { NodeContext, TransformBehavior } from '../node-behavior.js';

type Params = ParamsOf<typeof roundRobinKind>;

export function createRoundRobin(ctx: NodeContext<Params>): TransformBehavior {
  const n = ctx.params.outputs;
  const ports = Array.from({ length: n }, (_, i) => `out${i}`);
  let next = 0; // carries over between batches, so turns are exact across the whole run
  return {
    type: 'transform',
    process(items, emit) {
      for (let i = 0; i < items.length; i++) {
        emit(ports[next]!, items[i]!);
        next = next + 1 === n ? 0 : next + 1;
      }
    },
  };
}
