import type { ErrorPolicy } from '../../../shared/catalog/define-kind.js';
import type { Item } from '../node-behavior.js';
import type { ExecNode } from './exec-node.js';

interface PolicyParams {
  errorPolicy?: ErrorPolicy;
  retry?: { attempts: number; baseMs: number; maxMs: number };
}

/** What becomes of an item that failed for good. */
export type GiveUp = { fail: true } | { fail: false; deadLetter: Item | undefined };

/**
 * The one place error policies are applied. Executors wrap a node's processing, report each
 * failed attempt here, and do what it answers: retry after a delay, send a dead letter, fail the
 * run. Nodes only say that an item failed and why; they never see the policy or count anything.
 *
 * Counting: every item given up is an error, and also exactly one of `skipped` (skip, or retry
 * with nowhere to dead-letter) or `deadLettered` (dead-letter, or retry with the error port
 * connected) — unless the policy is `fail`, which ends the run.
 *
 * @example
 * const policy = new ErrorPolicyOf(node);
 * for (let attempt = 1; ; attempt++) {
 *   const failure = tryIt();
 *   if (failure === undefined) break;
 *   const delay = policy.retryDelay(attempt);
 *   if (delay !== undefined) { await sleep(delay); continue; }
 *   const out = policy.giveUp(item, failure, attempt);
 *   ...
 * }
 */
export class ErrorPolicyOf {
  private readonly errorConnected: boolean;

  constructor(private readonly node: ExecNode) {
    const error = node.outputs.get('error');
    this.errorConnected = error !== undefined && error.queues.length > 0;
  }

  private get params(): PolicyParams {
    return this.node.plan.params as PolicyParams;
  }

  get policy(): ErrorPolicy {
    return this.params.errorPolicy ?? 'fail';
  }

  /**
   * After failed attempt number `attempt` (from 1): ms to wait before the next one — capped,
   * jittered exponential backoff, so the retries of a burst of failures spread out — or undefined
   * when the item is given up.
   */
  retryDelay(attempt: number): number | undefined {
    const { errorPolicy, retry } = this.params;
    if (errorPolicy !== 'retry' || retry === undefined || attempt >= retry.attempts) return undefined;
    const backoff = Math.min(retry.maxMs, retry.baseMs * 2 ** (attempt - 1));
    return backoff * (0.5 + this.node.random() * 0.5);
  }

  /**
   * `item` failed for good after `attempts` attempts with `message`. Counts it and answers what to
   * do: fail the run (already asked for), or go on — with the dead letter to send out of `error`
   * when there is one. A dead letter is the item plus `error: { message, attempts, nodeId }`.
   */
  giveUp(item: Item, message: string, attempts: number): GiveUp {
    const { stats, plan } = this.node;
    stats.errors++;
    const policy = this.policy;
    if (policy === 'fail') {
      this.node.fail(`${message} (item ${String(item.id ?? '?')})`);
      return { fail: true };
    }
    if (policy === 'skip' || (policy === 'retry' && !this.errorConnected)) {
      stats.skipped++;
      return { fail: false, deadLetter: undefined };
    }
    // dead-letter, or retry with the error port connected. An unconnected port under dead-letter
    // does not compile; counted all the same should a plan get here without that check.
    stats.deadLettered++;
    if (!this.errorConnected) return { fail: false, deadLetter: undefined };
    return { fail: false, deadLetter: { ...item, error: { message, attempts, nodeId: plan.id } } };
  }
}
