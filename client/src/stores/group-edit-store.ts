import { create } from 'zustand';

/**
 * Which group's title is being typed and whose colour palette is open: at most one of each, so
 * a frame reads one small value and only that frame re-renders when it changes.
 */
export const useGroupEditStore = create<{ renaming: string | null; palette: string | null }>()(() => ({
  renaming: null,
  palette: null,
}));
