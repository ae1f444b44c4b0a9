import { create } from 'zustand';
import type { RegexProgram } from '../../../shared/expr/regex-engine.js';

interface RegexEngineState {
  /** re2js's compile once its chunk has loaded; null until an expression first needs it. */
  compile: ((source: string) => RegexProgram) | null;
}

/**
 * The expression language's regex engine (re2js, 150 kB), fetched on first need instead of
 * with the editor: only `~=` uses it, and most graphs have none. Checks that meet a `~=` before
 * it is here wait for it (`regexEnginePending`) and run again when this store fills.
 */
export const useRegexEngineStore = create<RegexEngineState>()(() => ({ compile: null }));

let loading: Promise<void> | null = null;

export function loadRegexEngine(): Promise<void> {
  loading ??= import('re2js').then(
    ({ RE2JS }) => useRegexEngineStore.setState({ compile: (source) => RE2JS.compile(source) }),
    (err: unknown) => {
      // Offline or a deploy replaced the chunk: the next check asks again. Until then the
      // server still checks every expression when the graph is saved or run.
      loading = null;
      console.warn('could not load the regex engine', err);
    },
  );
  return loading;
}

/**
 * True when `text` may hold a `~=` and the engine is not here yet: the caller leaves its check
 * for later (the engine is being fetched) instead of calling the compiler, which would need it.
 * A `~=` is the only way an expression reaches the engine, so text without one never waits.
 *
 * @example regexEnginePending('level == "ERROR"') // false: checked at once
 */
export function regexEnginePending(text: string): boolean {
  if (useRegexEngineStore.getState().compile !== null || !text.includes('~=')) return false;
  void loadRegexEngine();
  return true;
}
