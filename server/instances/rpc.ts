import { type NatsConnection, RequestError, TimeoutError } from '@nats-io/transport-node';
import { type InstanceRpc, instanceRpcSubject } from '../../shared/protocol/instances.js';

/** An instance that has not answered in this long is treated as gone for this request (503). */
export const RPC_TIMEOUT_MS = 10_000;

export type RpcOutcome<T> = { ok: true; value: T } | { ok: false; why: 'no_responders' | 'timeout' };

/**
 * One request to another instance's rpc subject. "No responders" (NATS answers it at once when
 * nobody listens) and a timeout come back as outcomes, not exceptions: the caller turns them into
 * a clear 503 or a `failed` run, never a hang. Other errors (closed connection) are thrown.
 */
export async function rpcRequest<T>(
  nc: NatsConnection,
  instance: string,
  message: InstanceRpc,
  timeoutMs = RPC_TIMEOUT_MS,
): Promise<RpcOutcome<T>> {
  try {
    const reply = await nc.request(instanceRpcSubject(instance), JSON.stringify(message), {
      timeout: timeoutMs,
    });
    return { ok: true, value: reply.json<T>() };
  } catch (err) {
    if (err instanceof RequestError && err.isNoResponders()) return { ok: false, why: 'no_responders' };
    if (err instanceof TimeoutError) return { ok: false, why: 'timeout' };
    throw err;
  }
}
