import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { filterKind } from '../../../shared/catalog/kinds/filter.js';
import { isTruthy } from '../../../shared/expr/index.js';
import type { Item, NodeContext, TransformBehavior } from '../node-behavior.js';
import { batchTransform } from './batch-transform.js';
import { compileExpressionParam } from './compile-param.js';

type Params = ParamsOf<typeof filterKind>;

export function createFilter(ctx: NodeContext<Params>): TransformBehavior {
  const expr = compileExpressionParam(ctx.params.expression, 'expression');
  const processBatch = (items: readonly Item[]): readonly Item[] => {
    // Owning its input, the batch array is this node's alone (see ownership.ts): the kept items
    // stay in it, so no new array per batch. Otherwise the batch is never touched.
    const out = ctx.ownsInput ? (items as Item[]) : [];
    // A common shape of expression has a loop of its own, with no call per item.
    const keep = expr.keepForBatch();
    const n = keep !== undefined ? keep(items, out) : keepEach(expr.forBatch(), items, out);
    if (out.length !== n) out.length = n;
    return out;
  };
  return batchTransform(processBatch);
}

/** The closure tree's loop: the items `f` is truthy for, written to `out` from 0; returns how many. */
function keepEach(f: (item: Item) => unknown, items: readonly Item[], out: Item[]): number {
  let n = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    // Items pass as they are: a filter never copies (fan-out may share them, nobody mutates).
    // Comparisons give booleans: test `true` first and skip the general truthiness checks.
    const v = f(item);
    if (v === true || (v !== false && isTruthy(v))) out[n++] = item;
  }
  return n;
}
