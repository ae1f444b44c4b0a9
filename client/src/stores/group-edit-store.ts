import { create } from 'zustand';
import type { Rect } from '../lib/group-model.js';

interface GroupEditState {
  renaming: string | null;
  palette: string | null;
  /**
   * While one of its nodes is dragged alone, the group's frame stays as it was when the drag
   * began: dropped outside it, the node leaves the group (group-actions.ts).
   */
  held: { groupId: string; frame: Rect } | null;
}

/**
 * Which group's title is being typed, whose colour palette is open and whose frame is held for
 * a drag: at most one of each, so a frame reads one small value and only it re-renders.
 */
export const useGroupEditStore = create<GroupEditState>()(() => ({
  renaming: null,
  palette: null,
  held: null,
}));
