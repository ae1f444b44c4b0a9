import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { batchKind } from '../../../shared/catalog/kinds/batch.js';
import type { Emit, Item, NodeContext, TransformBehavior } from '../node-behavior.js';

type Params = ParamsOf<typeof batchKind>;

/**
 * Groups items by count or time. The time limit runs from the arrival (run clock) of a batch's
 * first item; the executor calls `onDeadline` when it passes, even if no more input comes.
 */
export function createBatch(ctx: NodeContext<Params>): TransformBehavior {
  let p = ctx.params;
  let held: Item[] = [];
  let firstAt = 0;
  let deadline = Number.POSITIVE_INFINITY;

  const flush = (emit: Emit) => {
    if (held.length === 0) return;
    emit('out', { items: held, count: held.length, ts: held[0]!.ts });
    held = [];
    deadline = Number.POSITIVE_INFINITY;
  };

  return {
    type: 'transform',
    process(items, emit, now) {
      for (let i = 0; i < items.length; i++) {
        if (held.length === 0) {
          firstAt = now;
          deadline = now + p.maxWaitMs;
        }
        held.push(items[i]!);
        if (held.length >= p.size) flush(emit);
      }
    },
    nextDeadline: () => deadline,
    // A batch holds its items themselves.
    contains: (result, input) => Array.isArray(result.items) && result.items.includes(input),
    onDeadline(emit) {
      flush(emit);
    },
    finish(emit) {
      flush(emit);
    },
    update(params, now) {
      p = params as Params;
      // The new limits apply to the batch being filled: a size it already reaches emits it at once.
      if (held.length > 0) deadline = held.length >= p.size ? now : firstAt + p.maxWaitMs;
    },
  };
}
