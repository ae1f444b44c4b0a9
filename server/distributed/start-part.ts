import type { NatsConnection } from '@nats-io/transport-node';
import { runnerStartSubject, type StartPart, type StartPartReply } from '../../shared/protocol/cluster.js';

/** A runner that has not answered a `StartPart` in this long is not going to. */
export const START_PART_TIMEOUT_MS = 10_000;

/**
 * Asks a runner to run a part and waits for its answer. Throws with a message naming the runner
 * and the part when it refuses, does not answer, or answers something that is not a reply.
 *
 * @example
 * await startPartOn(nc, 'runner-a', { runId, part, telemetryHz: 10, ackWaitMs: 5000 });
 */
export async function startPartOn(
  nc: NatsConnection,
  runnerId: string,
  start: StartPart,
  timeoutMs = START_PART_TIMEOUT_MS,
): Promise<void> {
  const what = `runner ${runnerId} did not start part "${start.part.partId}"`;
  let reply: StartPartReply;
  try {
    const msg = await nc.request(runnerStartSubject(runnerId), JSON.stringify(start), { timeout: timeoutMs });
    reply = msg.json<StartPartReply>();
  } catch (err) {
    throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (reply?.ok === true) return;
  const reason =
    reply && reply.ok === false && typeof reply.error === 'string' ? reply.error : 'no valid reply';
  throw new Error(`${what}: ${reason}`);
}
