/**
 * Polls `read` every 50 ms until `ok` holds and returns that value; throws naming `what` (and the
 * last value) after `ms`. The timeout is a hang guard, not a speed assertion.
 *
 * @example
 * const run = await until(() => get(runId), (r) => r.status === 'completed', 'the run to end');
 */
export async function until<T>(
  read: () => T | Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
