import { create } from 'zustand';

/**
 * The `/r/<slug>` page: a saved recording replayed read-only. Nothing on it can start a run
 * (run-lifecycle.ts checks `slug`).
 */
interface RecordingPageState {
  slug: string | null;
  name: string;
  createdAt: string | null;
  /** Why the recording cannot be shown (a bad link, gone), in words. */
  error: string | null;
  set: (patch: Partial<Omit<RecordingPageState, 'set'>>) => void;
}

export const useRecordingPageStore = create<RecordingPageState>()((set) => ({
  slug: null,
  name: '',
  createdAt: null,
  error: null,
  set: (patch) => set(patch),
}));

/** This page replays a saved recording. */
export const onRecordingPage = (): boolean => useRecordingPageStore.getState().slug !== null;
