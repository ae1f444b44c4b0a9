import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { filterKind } from '../../../shared/catalog/kinds/filter.js';
import { isTruthy } from '../../../shared/expr/index.js';
import type { Item, NodeContext, TransformBehavior } from '../node-behavior.js';
import { batchTransform } from './batch-transform.js';
import { compileParam } from './compile-param.js';

type Params = ParamsOf<typeof filterKind>;

export function createFilter(ctx: NodeContext<Params>): TransformBehavior {
  const evaluator = compileParam(ctx.params.expression, 'expression');
  const processBatch = (items: readonly Item[]): readonly Item[] => {
    const f = evaluator();
    if (ctx.ownsInput) {
      // The batch array is this node's alone (see ownership.ts): keep the kept items in place, so
      // no new array per batch and no growing it item by item.
      const kept = items as Item[];
      let n = 0;
      for (let i = 0; i < kept.length; i++) {
        const item = kept[i]!;
        const v = f(item);
        if (v === true || (v !== false && isTruthy(v))) kept[n++] = item;
      }
      kept.length = n;
      return kept;
    }
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      // Items pass as they are: a filter never copies (fan-out may share them, nobody mutates).
      // Comparisons give booleans: test `true` first and skip the general truthiness checks.
      const v = f(item);
      if (v === true || (v !== false && isTruthy(v))) out.push(item);
    }
    return out;
  };
  return batchTransform(processBatch);
}
