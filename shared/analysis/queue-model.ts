import { getKind } from '../catalog/catalog.js';
import { md1, mmc, type QueuePrediction } from './queueing.js';

/** A node as the model reads it: its kind and the params the document gives (defaults filled here). */
export interface ModelNode {
  kind: string;
  params: Record<string, unknown>;
}

/** Which textbook model describes a queue, from the drawn parameters (theory, not measurement). */
export type ModelChoice =
  | { model: 'M/M/c' | 'M/D/1'; name: string; arrivalsPerS: number; serviceMs: number; servers: number }
  | { model: 'none'; why: string };

function resolved(node: ModelNode): Record<string, unknown> | undefined {
  const parsed = getKind(node.kind)?.params.safeParse(node.params);
  return parsed?.success ? (parsed.data as Record<string, unknown>) : undefined;
}

/**
 * The model for a queue from `source` into `target`, or undefined when no model is meant to apply:
 * only a worker fed by a Poisson generator is modelled. Exponential service is M/M/c (c lanes);
 * constant service on one lane is M/D/1; anything else has no closed form here ("none", with why).
 * A `cpu` worker's lanes take turns on one thread: one server.
 *
 * @example
 * chooseModel({ kind: 'generator', params: { rate: 80, pattern: 'poisson' } },
 *             { kind: 'worker', params: { serviceTimeMs: 10, distribution: 'exponential' } })
 * // { model: 'M/M/c', name: 'M/M/1', arrivalsPerS: 80, serviceMs: 10, servers: 1 }
 */
export function chooseModel(source: ModelNode, target: ModelNode): ModelChoice | undefined {
  if (source.kind !== 'generator' || target.kind !== 'worker') return undefined;
  const sp = resolved(source);
  const tp = resolved(target);
  if (!sp || !tp || sp.pattern !== 'poisson') return undefined;
  const rate = sp.rate as number | null;
  if (rate === null) return { model: 'none', why: 'the source has no rate' };
  const serviceMs = tp.serviceTimeMs as number;
  const servers = tp.load === 'cpu' ? 1 : (tp.concurrency as number);
  const dist = tp.distribution as string;
  if (dist === 'exponential')
    return { model: 'M/M/c', name: `M/M/${servers}`, arrivalsPerS: rate, serviceMs, servers };
  if (dist === 'constant' && servers === 1)
    return { model: 'M/D/1', name: 'M/D/1', arrivalsPerS: rate, serviceMs, servers };
  return {
    model: 'none',
    why: dist === 'constant' ? `constant service on ${servers} lanes` : `${dist} service`,
  };
}

/** The model's prediction, or undefined at ρ ≥ 1 (no steady state: the queue fills). */
export function predict(choice: ModelChoice): QueuePrediction | undefined {
  if (choice.model === 'none') return undefined;
  return choice.model === 'M/D/1'
    ? md1(choice.arrivalsPerS, choice.serviceMs)
    : mmc(choice.arrivalsPerS, choice.serviceMs, choice.servers);
}
