import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { partitionKind } from '../../../shared/catalog/kinds/partition.js';
import { fnv1a32 } from '../../../shared/expr/hash.js';
import { toText } from '../../../shared/expr/values.js';
import type { NodeContext, TransformBehavior } from '../node-behavior.js';
import { compileParam } from './compile-param.js';

type Params = ParamsOf<typeof partitionKind>;

/** The output a key goes to: the expression `hash(key) % outputs`, so both always agree. */
export function partitionOf(key: unknown, outputs: number): number {
  const text = typeof key === 'string' ? key : toText(key);
  return (text === null ? 0 : fnv1a32(text)) % outputs;
}

export function createPartition(ctx: NodeContext<Params>): TransformBehavior {
  const keyEvaluator = compileParam(ctx.params.key, 'key');
  const n = ctx.params.outputs;
  const ports = Array.from({ length: n }, (_, i) => `out${i}`);
  return {
    type: 'transform',
    process(items, emit) {
      const keyOf = keyEvaluator();
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        emit(ports[partitionOf(keyOf(item), n)]!, item);
      }
    },
  };
}
