/** What placement needs of a runner (a `RunnerInfo` from the registry fits). */
export interface RunnerSlots {
  id: string;
  slots: number;
  slotsInUse: number;
}

export type Placement = { ok: true; runnerOf: Map<string, string> } | { ok: false; reason: string };

/** Replicas of one node share the part id up to `#` (`work#0`, `work#1`). */
const groupOf = (partId: string) => partId.split('#')[0]!;

/**
 * Assigns parts to runners: each part to the runner with the fewest parts, preferring one that
 * holds no other replica of the same node (replicas on one runner would share its cores and its
 * fate) while there is such a runner with a free slot. All or nothing: when the free slots are
 * fewer than the parts, nothing is placed and the reason says how many there are.
 * `extraInUse`: parts this server placed that the runners' heartbeats may not list yet.
 *
 * @example
 * placeParts(['main', 'work#0', 'work#1'], [{ id: 'a', slots: 4, slotsInUse: 0 }, { id: 'b', slots: 4, slotsInUse: 0 }])
 * // { ok: true, runnerOf: Map { main → a, work#0 → b, work#1 → a } }
 */
export function placeParts(
  partIds: readonly string[],
  runners: readonly RunnerSlots[],
  extraInUse: ReadonlyMap<string, number> = new Map(),
): Placement {
  const load = new Map(runners.map((r) => [r.id, r.slotsInUse + (extraInUse.get(r.id) ?? 0)]));
  const free = (r: RunnerSlots) => r.slots - load.get(r.id)!;
  const totalFree = runners.reduce((s, r) => s + Math.max(0, free(r)), 0);
  if (totalFree < partIds.length) {
    const slots = runners.reduce((s, r) => s + r.slots, 0);
    return {
      ok: false,
      reason:
        runners.length === 0
          ? 'no runner has a free slot (0 runners connected: start one with npm run runner)'
          : `no runner has a free slot (${runners.length} runner${runners.length === 1 ? '' : 's'}, ${slots} slots, ${totalFree} free; the run needs ${partIds.length})`,
    };
  }
  const runnerOf = new Map<string, string>();
  const holding = new Map<string, Set<string>>(); // group → runners holding one of its parts
  for (const partId of partIds) {
    const group = groupOf(partId);
    const held = holding.get(group) ?? new Set<string>();
    const open = runners.filter((r) => free(r) > 0);
    const apart = open.filter((r) => !held.has(r.id));
    const pick = (apart.length > 0 ? apart : open).reduce((best, r) =>
      load.get(r.id)! < load.get(best.id)! || (load.get(r.id) === load.get(best.id) && r.id < best.id)
        ? r
        : best,
    );
    runnerOf.set(partId, pick.id);
    load.set(pick.id, load.get(pick.id)! + 1);
    held.add(pick.id);
    holding.set(group, held);
  }
  return { ok: true, runnerOf };
}

/**
 * Per runner, how many of `placed` (part → runner) its last heartbeat does not list yet
 * (`runId/partId`): slots taken that `slotsInUse` does not show.
 */
export function unlistedParts(
  runId: string,
  placed: ReadonlyMap<string, string>,
  runners: readonly (RunnerSlots & { parts: readonly string[] })[],
): Map<string, number> {
  const extra = new Map<string, number>();
  for (const r of runners) {
    const listed = new Set(r.parts);
    let n = 0;
    for (const [partId, runnerId] of placed) if (runnerId === r.id && !listed.has(`${runId}/${partId}`)) n++;
    extra.set(r.id, n);
  }
  return extra;
}
