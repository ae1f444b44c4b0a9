import { type NatsConnection, RequestError, TimeoutError } from '@nats-io/transport-node';

/** How long a part runs on with no coordinator listening to its run before it stops itself. */
export const ORPHAN_PART_MS = 15_000;

/**
 * Stops a part whose run has lost its coordinator (the server crashed or was killed): without
 * this it would run, and fill its streams, forever. The coordinator subscribes to the run's
 * events subject; an empty request there is answered by NATS itself with "no responders" when
 * no one does (the coordinator ignores the request: it is not an event). Only that answer counts
 * — a timeout means someone listens, a connection error says nothing — and only when it holds
 * for `orphanMs` (a server reconnecting re-subscribes within a second or two).
 *
 * @example
 * const stopWatch = watchCoordinator(nc, runEventsSubject(runId), ORPHAN_PART_MS, () => run.stop('abort'));
 */
export function watchCoordinator(
  nc: NatsConnection,
  subject: string,
  orphanMs: number,
  onGone: () => void,
): () => void {
  const everyMs = Math.max(100, Math.floor(orphanMs / 3));
  let goneSince: number | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const check = async () => {
    try {
      await nc.request(subject, undefined, { timeout: Math.min(1_000, everyMs) });
      goneSince = undefined;
    } catch (err) {
      if (err instanceof RequestError && err.isNoResponders()) goneSince ??= Date.now();
      // Someone listens and, as it should, does not answer.
      else if (err instanceof TimeoutError) goneSince = undefined;
      // Anything else (disconnected, closing) is no evidence either way.
    }
    if (stopped) return;
    if (goneSince !== undefined && Date.now() - goneSince >= orphanMs) {
      stopped = true;
      onGone();
      return;
    }
    timer = setTimeout(check, everyMs);
  };
  timer = setTimeout(check, everyMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
