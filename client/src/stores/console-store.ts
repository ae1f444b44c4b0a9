import { create } from 'zustand';

/** Lines from `log` sinks (`run:log`), newest last, bounded so a chatty sink cannot grow memory. */
export const CONSOLE_LIMIT = 1_000;

export interface ConsoleLine {
  seq: number;
  nodeId: string;
  text: string;
  /** Run time (ms since start) of the frame when it arrived, for the timestamp column. */
  at: number;
}

interface ConsoleState {
  lines: ConsoleLine[];
  /** Lines received in all, including those no longer held. */
  received: number;
  /** Per log sink, items it did not turn into lines (over its rate), since the run started. */
  sampledOut: Record<string, number>;
  /** Lines the server dropped for this tab while it was not reading. */
  skipped: number;
  add: (
    nodeId: string,
    texts: readonly string[],
    at: number,
    extra?: { sampledOut?: number; skipped?: number },
  ) => void;
  clear: () => void;
}

export const useConsoleStore = create<ConsoleState>()((set) => ({
  lines: [],
  received: 0,
  sampledOut: {},
  skipped: 0,
  add: (nodeId, texts, at, extra = {}) =>
    set((s) => {
      const fresh = texts.slice(-CONSOLE_LIMIT).map((text, i) => ({ seq: s.received + i, nodeId, text, at }));
      const lines =
        s.lines.length + fresh.length > CONSOLE_LIMIT
          ? [...s.lines.slice(s.lines.length + fresh.length - CONSOLE_LIMIT), ...fresh]
          : [...s.lines, ...fresh];
      const sampled = extra.sampledOut;
      return {
        lines,
        received: s.received + texts.length,
        skipped: s.skipped + (extra.skipped ?? 0),
        sampledOut: sampled === undefined ? s.sampledOut : { ...s.sampledOut, [nodeId]: sampled },
      };
    }),
  clear: () => set({ lines: [], received: 0, sampledOut: {}, skipped: 0 }),
}));
