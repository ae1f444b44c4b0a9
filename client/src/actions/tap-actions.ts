import { setTap } from '../api/queue-api.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunStore } from '../stores/run-store.js';
import { useTapStore } from '../stores/tap-store.js';
import { useUiStore } from '../stores/ui-store.js';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Taps an edge of the running graph (sampled items entering it in the Taps tab, which opens) or
 * untaps it. Resolves with why not, or null when done: the inspector and the edge's menu both
 * tap this way.
 */
export async function tapEdge(edgeId: string, on: boolean): Promise<string | null> {
  const { runId, phase } = useRunStore.getState();
  if (!runId || !isRunActive(phase)) return 'Start the run to tap an edge';
  try {
    const r = await setTap(runId, edgeId, on);
    useTapStore.getState().setOn(r.taps);
    if (r.on) useUiStore.getState().setBottom({ bottomTab: 'taps', bottomOpen: true });
    return null;
  } catch (err) {
    return messageOf(err);
  }
}
