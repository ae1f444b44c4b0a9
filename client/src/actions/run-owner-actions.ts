import { patchRun, stopRun } from '../api/api-client.js';
import { stopCurrentRun } from '../api/run-lifecycle.js';
import { isRunActive } from '../lib/run-gate.js';
import { ownedRuns } from '../lib/run-tokens.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';
import { toast } from '../stores/toast-store.js';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * "Keep running when I close this tab": for the run on show, asks the server (PATCH keepRunning);
 * with no run going, it is what the next run starts with.
 */
export async function setKeepRunning(keep: boolean): Promise<void> {
  const access = useRunAccessStore.getState();
  access.setNextKeepRunning(keep);
  const { runId, phase } = useRunStore.getState();
  if (!runId || access.runId !== runId || access.role !== 'owner' || !isRunActive(phase)) return;
  // Shown at once; put back if the server says no.
  const before = access.keepRunning;
  access.setOwnerInfo(runId, { keepRunning: keep });
  try {
    const applied = await patchRun(runId, { keepRunning: keep });
    useRunAccessStore.getState().setOwnerInfo(runId, { keepRunning: applied.keepRunning });
    ownedRuns.update(runId, { keepRunning: applied.keepRunning });
    toast(
      applied.keepRunning
        ? 'This run keeps going after you close the tab: stop it from the Runs panel'
        : 'This run stops shortly after its last tab closes',
      'good',
    );
  } catch (err) {
    useRunAccessStore.getState().setOwnerInfo(runId, { keepRunning: before });
    toast(`Not changed: ${messageOf(err)}`, 'bad');
  }
}

/** Publishes (or withdraws) the run's watch link on its saved graph's page. */
export async function setShareWatch(share: boolean): Promise<void> {
  const { runId, shareWatch: before, setOwnerInfo } = useRunAccessStore.getState();
  if (!runId) return;
  setOwnerInfo(runId, { shareWatch: share });
  try {
    const applied = await patchRun(runId, { shareWatch: share });
    useRunAccessStore.getState().setOwnerInfo(runId, { shareWatch: applied.shareWatch });
    ownedRuns.update(runId, { sharedWatch: applied.shareWatch });
    toast(
      applied.shareWatch
        ? 'Visitors of this graph’s link can now watch this run'
        : 'The graph’s page no longer offers this run',
      'good',
    );
  } catch (err) {
    useRunAccessStore.getState().setOwnerInfo(runId, { shareWatch: before });
    toast(`Not shared: ${messageOf(err)}`, 'bad');
  }
}

/** Stops one of this browser's runs (the Runs panel): the one on show goes through the editor. */
export async function stopOwnedRun(runId: string): Promise<void> {
  if (useRunStore.getState().runId === runId) return stopCurrentRun('abort');
  try {
    await stopRun(runId, 'abort');
  } catch (err) {
    toast(`Stop failed: ${messageOf(err)}`, 'bad');
  }
}
