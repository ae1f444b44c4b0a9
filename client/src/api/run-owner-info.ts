import { ownedRuns } from '../lib/run-tokens.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { fetchRun } from './api-client.js';

/**
 * The owner's extras for the run on show: ingest keys (the inspector's curl example), the watch
 * token, and the keep-running and shared-watch settings as the server holds them. Read once when
 * the page attaches; a server without run tokens answers without them and nothing changes.
 */
export async function loadOwnerInfo(runId: string): Promise<void> {
  if (useRunAccessStore.getState().role !== 'owner') return;
  try {
    const info = await fetchRun(runId);
    const access = useRunAccessStore.getState();
    access.setOwnerInfo(runId, {
      ...(info.ingestKeys ? { ingestKeys: info.ingestKeys } : {}),
      ...(info.watchToken ? { watchToken: info.watchToken } : {}),
      ...(info.keepRunning === undefined ? {} : { keepRunning: info.keepRunning }),
      ...(info.shareWatch === undefined ? {} : { shareWatch: info.shareWatch }),
    });
    if (info.keepRunning !== undefined || info.shareWatch !== undefined)
      ownedRuns.update(runId, {
        ...(info.keepRunning === undefined ? {} : { keepRunning: info.keepRunning }),
        ...(info.shareWatch === undefined ? {} : { sharedWatch: info.shareWatch }),
      });
  } catch {
    // Extras only: the live view works without them.
  }
}
