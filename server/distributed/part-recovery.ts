import { HEARTBEAT_MS, RUNNER_DEAD_AFTER_MS, type RunnerInfo } from '../../shared/protocol/cluster.js';
import type { RunError } from '../../shared/protocol/telemetry.js';
import type { PartState } from './part-state.js';
import { placeParts, unlistedParts } from './placement.js';

/** What recovery needs of its run. */
export interface RecoveryHost {
  readonly runId: string;
  now(): number;
  alive(): RunnerInfo[];
  parts(): PartState[];
  /** The run is being aborted: a lost part need not run again. */
  aborting(): boolean;
  start(part: PartState): Promise<void>;
  /** Re-sends what a part started again missed (upstream-closed, stop, pause). */
  catchUp(part: PartState): void;
  fail(error: RunError): void;
  partEnded(): void;
  log(line: string, nodeId?: string): void;
}

/**
 * Parts that stopped running without being told to (their runner died, or shut down) start
 * again, same part id, on the other runners; the durable consumer they share redelivers what
 * they had taken and not acked. When the other runners have no room, the run fails naming the
 * runner it lost — it never waits for a runner that may not come back.
 */
export function replaceParts(host: RecoveryHost, lost: PartState[], runnerId: string, why: string): void {
  if (lost.length === 0) return;
  if (host.aborting()) {
    for (const s of lost) s.done = { status: 'stopped' };
    host.partEnded();
    return;
  }
  const alive = host.alive().filter((r) => r.id !== runnerId);
  const placed = new Map(
    host
      .parts()
      .filter((s) => !s.done)
      .map((s) => [s.partId, s.runnerId]),
  );
  const placement = placeParts(
    lost.map((s) => s.partId),
    alive,
    unlistedParts(host.runId, placed, alive),
  );
  const names = lost.map((s) => `"${s.partId}"`).join(', ');
  if (!placement.ok) {
    // They are gone with their runner: nothing to wait for before the run ends.
    for (const s of lost) s.done = { status: 'failed' };
    host.fail({ message: `runner ${runnerId} ${why} with part ${names}; ${placement.reason}` });
    return;
  }
  for (const s of lost) {
    s.restartOn(placement.runnerOf.get(s.partId)!, host.now());
    const nodeId = s.part.plan.nodes[0]?.id;
    host.log(
      // Filed under its node (the console's node column names it): no prefix repeating it.
      `part "${s.partId}": runner ${runnerId} ${why}; started again on runner ${s.runnerId}`,
      nodeId,
    );
    void host
      .start(s)
      .then(() => host.catchUp(s))
      .catch((err) =>
        host.fail({
          message: `runner ${runnerId} ${why}; part "${s.partId}" could not start again: ${err instanceof Error ? err.message : String(err)}`,
        }),
      );
  }
}

/**
 * Parts silent for longer than a runner may be. On a runner the registry no longer lists, they
 * are lost with it (in case its death was not reported); on a live one the part is stuck, and
 * the run fails naming it.
 */
export function checkSilence(host: RecoveryHost): void {
  const now = host.now();
  const alive = new Map(host.alive().map((r) => [r.id, r]));
  const silent = host.parts().filter((s) => !s.done && s.started && now - s.lastHeard > RUNNER_DEAD_AFTER_MS);
  for (const runnerId of new Set(silent.map((s) => s.runnerId))) {
    const mine = silent.filter((s) => s.runnerId === runnerId);
    const runner = alive.get(runnerId);
    if (!runner) {
      replaceParts(host, mine, runnerId, 'was lost');
      continue;
    }
    // Its runner is late as well: the runner is dying, not the part stuck. A part's last frame can
    // come before its runner's last heartbeat, so its silence passes the limit first; the registry
    // names the runner lost a moment later and its parts start again elsewhere.
    if (runner.heartbeatAgeMs > 2 * HEARTBEAT_MS) continue;
    const s = mine[0]!;
    host.fail({
      message: `part "${s.partId}" on runner ${runnerId} sent nothing for ${Math.round(now - s.lastHeard)} ms`,
    });
    return;
  }
}
