import { describe, expect, it } from 'vitest';
import type { PartPlan, RunnerInfo } from '../../shared/protocol/cluster.js';
import type { RunError } from '../../shared/protocol/telemetry.js';
import { checkSilence, type RecoveryHost } from './part-recovery.js';
import { PartState } from './part-state.js';

const plan = (partId: string) =>
  ({
    partId,
    process: partId,
    plan: { name: 'g', nodes: [{ id: `${partId}-n` }], edges: [] },
  }) as unknown as PartPlan;

const runner = (id: string, heartbeatAgeMs: number): RunnerInfo => ({
  id,
  host: 'h',
  slots: 4,
  slotsInUse: 1,
  heartbeatAgeMs,
  parts: [],
});

/** A run whose one part on runner `solo` last spoke at t = 0; the check runs at t = 4,000 (past 3,500). */
function silentRun(alive: RunnerInfo[]) {
  const part = new PartState(plan('p1'), 'solo', 0);
  part.started = true;
  const failures: RunError[] = [];
  const host: RecoveryHost = {
    runId: 'r',
    now: () => 4_000,
    alive: () => alive,
    parts: () => [part],
    aborting: () => false,
    start: async () => {},
    catchUp: () => {},
    fail: (e) => failures.push(e),
    partEnded: () => {},
    log: () => {},
  };
  return { host, failures };
}

describe('checkSilence', () => {
  it('fails the run naming a stuck part when its runner still beats on time', () => {
    const { host, failures } = silentRun([runner('solo', 400)]);
    checkSilence(host);
    expect(failures.map((f) => f.message)).toEqual(['part "p1" on runner solo sent nothing for 4000 ms']);
  });

  it('waits while the runner is late too: a dying runner is named lost by the registry, not its part stuck', () => {
    // The part's last frame came before the runner's last heartbeat (2.5 s ago): both are silent.
    const { host, failures } = silentRun([runner('solo', 2_500)]);
    checkSilence(host);
    expect(failures).toEqual([]);
  });

  it('a part on a runner no longer listed is lost with it (no room elsewhere: the run fails naming the runner)', () => {
    const { host, failures } = silentRun([]);
    checkSilence(host);
    expect(failures[0]?.message).toMatch(/^runner solo was lost with part "p1"; /);
  });
});
