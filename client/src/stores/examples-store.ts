import { create } from 'zustand';
import { fetchExamples } from '../api/api-client.js';
import { type Example, parseExamples } from '../lib/examples.js';

/** The teaching gallery (`GET /api/examples`), loaded on first need. */
interface ExamplesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  examples: Example[];
  error: string | null;
  load: () => Promise<Example[]>;
}

export const useExamplesStore = create<ExamplesState>()((set, get) => ({
  status: 'idle',
  examples: [],
  error: null,
  load: async () => {
    if (get().status === 'ready') return get().examples;
    set({ status: 'loading', error: null });
    try {
      const examples = parseExamples(await fetchExamples());
      set({ status: 'ready', examples });
      return examples;
    } catch (err) {
      set({ status: 'error', error: err instanceof Error ? err.message : String(err) });
      return [];
    }
  },
}));

/** The lesson beside the canvas after loading an example. */
interface LessonState {
  example: Example | null;
  step: number;
  collapsed: boolean;
  open: (example: Example) => void;
  close: () => void;
  go: (step: number) => void;
  toggle: () => void;
}

export const useLessonStore = create<LessonState>()((set, get) => ({
  example: null,
  step: 0,
  collapsed: false,
  open: (example) => set({ example, step: 0, collapsed: false }),
  close: () => set({ example: null, step: 0 }),
  go: (step) => {
    const n = get().example?.lesson.steps.length ?? 0;
    set({ step: Math.max(0, Math.min(n - 1, step)) });
  },
  toggle: () => set((s) => ({ collapsed: !s.collapsed })),
}));
