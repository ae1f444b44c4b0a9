import { beforeEach, describe, expect, it } from 'vitest';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useToastStore } from '../stores/toast-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { saveGraph } from './doc-actions.js';

beforeEach(() => {
  useGraphStore.getState().load({ schemaVersion: 1, name: 'untitled', nodes: [], edges: [] });
  useDocStore.getState().setSaved(null, null);
  useToastStore.setState({ toasts: [] });
  useUiStore.getState().closeDialog();
});

describe('saving an empty canvas', () => {
  it('is refused with a reason, before anything is sent, so no empty graph gets a token and a link', async () => {
    // ACT
    await saveGraph();
    // ASSERT: no request was made (one would fail here, with "Not saved: …"), no token dialog
    expect(useToastStore.getState().toasts.map((t) => t.text)).toEqual([
      'Nothing to save yet: add a node or open an example first',
    ]);
    expect(useDocStore.getState().meta).toBeNull();
    expect(useUiStore.getState().dialog).toBeNull();
  });
});
