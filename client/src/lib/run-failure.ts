import type { RunError } from '../../../shared/protocol/telemetry.js';

/**
 * A failed run's error, else the server's reason for failing it: a run whose coordinating
 * instance died ends `failed` with a reason and no node error, and the page must still say why.
 *
 * @example failureOf({ status: 'failed', reason: 'the instance stopped' }) // { message: 'the instance stopped' }
 */
export function failureOf(m: { status: string; error?: RunError; reason?: string }): RunError | undefined {
  if (m.error) return m.error;
  return m.status === 'failed' && typeof m.reason === 'string' && m.reason
    ? { message: m.reason }
    : undefined;
}
