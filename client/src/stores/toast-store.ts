import { create } from 'zustand';

export type ToastTone = 'info' | 'good' | 'warn' | 'bad';

export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

interface ToastState {
  toasts: Toast[];
  dismiss: (id: number) => void;
}

/** Short confirmations and refusals ("Saved r3", "That would make a cycle"); they go by themselves. */
export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

const SHOWN_MS = 4_000;
const MAX_SHOWN = 3;
let nextId = 1;

/** Shows a toast; the same text twice in a row refreshes it instead of stacking. */
export function toast(text: string, tone: ToastTone = 'info'): void {
  const id = nextId++;
  useToastStore.setState((s) => ({
    toasts: [...s.toasts.filter((t) => t.text !== text), { id, text, tone }].slice(-MAX_SHOWN),
  }));
  setTimeout(() => useToastStore.getState().dismiss(id), tone === 'bad' ? SHOWN_MS * 2 : SHOWN_MS);
}
