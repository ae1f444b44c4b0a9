import { z } from 'zod';
import { defineKind, type ParamsOf } from '../define-kind.js';
import { expressionSchema } from './param-schemas.js';

export const anomalyKind = defineKind({
  kind: 'anomaly',
  title: 'Anomaly',
  category: 'transform',
  icon: '⚠',
  summary: 'Alerts when a value leaves its moving average ± k·stddev',
  docs:
    'Watches the number `field` (an expression; e.g. count, fed by a window) against a baseline: the ' +
    'mean and standard deviation of the last windowSize normal points. A point is anomalous when it ' +
    'lies more than k standard deviations from the mean (above, below or either, per `direction`) and ' +
    'more than minDeviation from it (a floor for quiet baselines: counts that are 1 every second have ' +
    'a stddev of 0, and a 2 should not alert); ' +
    'nothing is judged until warmupPoints points are in the baseline. Anomalous points do not join ' +
    'the baseline, so a long incident does not become the new normal. States: Normal → Pending on an ' +
    'anomalous point; Pending → Alerting after pendingPoints anomalous points in a row (with 1, straight ' +
    'to Alerting), or back to Normal on a normal one; Alerting → Normal after clearPoints normal points ' +
    'in a row. Every transition emits { state, previous, value, mean, stddev, ts } out of `alerts` (ts: ' +
    'the item that caused it). Every input item also passes through `out` unchanged, so the node can ' +
    'sit inline. Items whose field is not a number pass through and are not judged.',
  inputs: ['in'],
  outputs: ['out', 'alerts'],
  params: {
    field: expressionSchema('value').describe('The number watched'),
    windowSize: z.number().int().min(2).max(10_000).default(30).describe('Points in the baseline'),
    k: z
      .number()
      .min(0.1)
      .max(100)
      .default(3)
      .describe('Standard deviations from the mean that are anomalous'),
    minDeviation: z
      .number()
      .min(0)
      .max(1e12)
      .default(0)
      .describe('Also required distance from the mean, in the field’s units'),
    direction: z
      .enum(['both', 'above', 'below'])
      .default('both')
      .describe('Which side of the band counts as anomalous'),
    warmupPoints: z.number().int().min(2).max(10_000).default(10).describe('Baseline points before judging'),
    pendingPoints: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(3)
      .describe('Anomalous points in a row before Alerting'),
    clearPoints: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(3)
      .describe('Normal points in a row that end an alert'),
  },
  live: ['k', 'minDeviation', 'direction', 'pendingPoints', 'clearPoints'],
  notReplicable:
    'its moving average and deviation need every item in order: replicas would each judge a share against a different baseline',
  expressions: ['field'],
});

export function anomalyParamRules(p: ParamsOf<typeof anomalyKind>): { param: string; message: string }[] {
  return p.warmupPoints > p.windowSize
    ? [{ param: 'warmupPoints', message: 'warmupPoints must not exceed windowSize' }]
    : [];
}
