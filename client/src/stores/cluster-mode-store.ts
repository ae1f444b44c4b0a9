import { create } from 'zustand';
import { fetchCluster } from '../api/api-client.js';

/**
 * Whether the server runs distributed graphs (SLUICE_NATS_URL set), asked once at start. The
 * editor's own compile uses it, so a graph with process / replicas / nats edges on a one-process
 * server shows the compiler's issue on the node before Run, not only as Run's 400. Unknown
 * (still asking, or a server without `/api/cluster`) checks nothing, as a save does.
 */
interface ClusterModeState {
  natsConfigured: boolean | undefined;
  load: () => Promise<void>;
}

export const useClusterModeStore = create<ClusterModeState>()((set) => ({
  natsConfigured: undefined,
  load: async () => {
    try {
      const { mode } = await fetchCluster();
      set({ natsConfigured: mode === 'nats' });
    } catch {
      // Unknown stays unknown: the server still checks when the run starts.
    }
  },
}));
