import { create } from 'zustand';

/**
 * Which note is being written in (at most one): a store, so the note's menu can open its editor
 * and only that note re-renders when it changes.
 */
export const useNoteEditStore = create<{ editing: string | null }>()(() => ({ editing: null }));

export const editNote = (id: string | null): void => useNoteEditStore.setState({ editing: id });
