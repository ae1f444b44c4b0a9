import { ApiRequestError, claimGraph } from '../api/api-client.js';
import { parseEditTokenInput } from '../lib/edit-token-input.js';
import { setEditToken } from '../lib/edit-tokens.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { toast } from '../stores/toast-store.js';

/** Why a refused claim was refused, in words for the person who pasted the token. */
function refusal(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return `Could not check the token: ${String(err)}`;
  if (err.status === 403 || err.status === 401)
    return 'That token does not open this graph. Check that you copied all of it.';
  if (err.status === 404) return 'This graph is no longer on the server.';
  return `Could not check the token: ${err.message}`;
}

/**
 * Takes edit rights on the shared graph on the canvas with a pasted edit token: the server checks
 * it, this browser keeps it, and the canvas becomes editable where it is (a run carries on).
 * Resolves to null when done, or to what went wrong.
 */
export async function claimEditRights(pasted: string): Promise<string | null> {
  const meta = useDocStore.getState().meta;
  if (!meta) return 'Open a saved graph first.';
  const parsed = parseEditTokenInput(pasted);
  if ('error' in parsed) return parsed.error;
  try {
    const claimed = await claimGraph(meta.graphId, parsed.token);
    setEditToken(claimed.id, parsed.token);
    useGraphStore.setState({ readOnly: false });
    toast(`You can edit “${useGraphStore.getState().name}” in this browser now`, 'good');
    return null;
  } catch (err) {
    return refusal(err);
  }
}
