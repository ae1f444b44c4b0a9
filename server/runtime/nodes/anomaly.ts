import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { anomalyKind } from '../../../shared/catalog/kinds/anomaly.js';
import type { Emit, Item, NodeContext, TransformBehavior } from '../node-behavior.js';
import { compileParam } from './compile-param.js';
import { MovingStats } from './moving-stats.js';

type Params = ParamsOf<typeof anomalyKind>;
export type AlertState = 'Normal' | 'Pending' | 'Alerting';

/**
 * Moving average ± k·stddev with a pending period, like an alerting rule with a `for:` clause:
 * one odd point makes it Pending, only a run of them makes it Alerting, and a run of normal
 * points ends the alert. Every input item passes through `out`; transitions go out of `alerts`.
 */
export function createAnomaly(ctx: NodeContext<Params>): TransformBehavior & { readonly state: AlertState } {
  let p = ctx.params;
  const fieldEvaluator = compileParam(p.field, 'field');
  const baseline = new MovingStats(p.windowSize);
  let state: AlertState = 'Normal';
  /** Anomalous points in a row (Pending) or normal points in a row (Alerting). */
  let streak = 0;

  const isAnomalous = (v: number, mean: number, sd: number): boolean => {
    const dev = v - mean;
    const limit = Math.max(p.k * sd, p.minDeviation);
    if (p.direction === 'above') return dev > limit;
    if (p.direction === 'below') return -dev > limit;
    return Math.abs(dev) > limit;
  };

  const judge = (item: Item, v: number, emit: Emit) => {
    if (baseline.count < p.warmupPoints) {
      baseline.push(v);
      return;
    }
    const mean = baseline.mean;
    const stddev = baseline.stddev;
    const go = (next: AlertState) => {
      emit('alerts', { state: next, previous: state, value: v, mean, stddev, ts: item.ts });
      state = next;
      streak = 0;
    };
    const odd = isAnomalous(v, mean, stddev);
    // Anomalous points never join the baseline: a long incident must not become the new normal.
    if (!odd) baseline.push(v);
    if (state === 'Normal') {
      if (odd && p.pendingPoints <= 1) go('Alerting');
      else if (odd) {
        go('Pending');
        streak = 1;
      }
    } else if (state === 'Pending') {
      if (!odd) go('Normal');
      else if (++streak >= p.pendingPoints) go('Alerting');
    } else if (odd) streak = 0;
    else if (++streak >= p.clearPoints) go('Normal');
  };

  return {
    type: 'transform',
    get state() {
      return state;
    },
    process(items, emit) {
      const fieldOf = fieldEvaluator();
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        emit('out', item);
        const v = fieldOf(item);
        if (typeof v === 'number') judge(item, v, emit);
      }
    },
    update(params) {
      // k, minDeviation, direction and the point counts; the baseline and the state carry on.
      p = params as Params;
    },
  };
}
