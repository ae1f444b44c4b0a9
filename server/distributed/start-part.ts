import type { NatsConnection } from '@nats-io/transport-node';
import { runnerStartSubject, type StartPart, type StartPartReply } from '../../shared/protocol/cluster.js';

/**
 * A part not listening this long after its runner took it is refused by the runner. Generous: a
 * part is a worker thread that loads the runtime, which takes seconds on a loaded machine
 * (tens of them when it loads TypeScript sources, as tests do).
 */
export const START_PART_TIMEOUT_MS = 30_000;
/** The coordinator waits a little longer, so the runner's refusal (with its reason) comes first. */
const REPLY_TIMEOUT_MS = START_PART_TIMEOUT_MS + 5_000;

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
  timeoutMs = REPLY_TIMEOUT_MS,
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
