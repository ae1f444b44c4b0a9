import { partitionPlan } from '../../shared/compiler/partition-plan.js';
import type { Plan } from '../../shared/compiler/plan.js';
import type { RunnerInfo } from '../../shared/protocol/cluster.js';
import { HttpError } from '../http/api-error.js';
import type { RunPartsOptions } from './coordinator-types.js';
import { DistributedRun } from './distributed-run.js';
import { placeParts } from './placement.js';
import { runBroker } from './run-broker.js';

/** Retry-After on 503 `no_runner_slot`: runs end, runners join. */
const RETRY_AFTER_S = 10;
/** An item a consumer took and did not ack in this long goes to another replica. */
export const ACK_WAIT_MS = 5_000;

/**
 * Starts a distributed run: its plan cut into parts and placed on the runners alive now. When
 * they do not fit, no run starts: 503 `no_runner_slot` (the server is fine, the cluster is
 * full — unlike 429 `too_many_runs`, which is this server's own limit), with how many runners
 * and slots there are.
 *
 * @example
 * const run = startDistributed(plan, { runId, telemetryHz: 10, cluster, onFrame });
 */
export function startDistributed(
  plan: Plan,
  options: Omit<RunPartsOptions, 'broker'> & Partial<Pick<RunPartsOptions, 'broker'>>,
  /** Per runner, parts this server placed that its last heartbeat does not list yet. */
  inFlight?: (runners: RunnerInfo[]) => ReadonlyMap<string, number>,
): DistributedRun {
  const parts = partitionPlan(plan, options.runId);
  const alive = options.cluster.registry.alive();
  const placement = placeParts(
    parts.map((p) => p.partId),
    alive,
    inFlight?.(alive),
  );
  if (!placement.ok)
    throw new HttpError(
      503,
      'no_runner_slot',
      `${placement.reason}. Start a runner (npm run runner) or wait for a run to end.`,
      undefined,
      {
        'Retry-After': String(RETRY_AFTER_S),
      },
    );
  const ackWaitMs = options.ackWaitMs ?? ACK_WAIT_MS;
  return new DistributedRun(plan, parts, placement.runnerOf, {
    ...options,
    ackWaitMs,
    broker: options.broker ?? runBroker(options.cluster.jsm, options.runId, ackWaitMs),
  });
}
