import type { RegexProgram } from '../../../shared/expr/regex-engine.js';
import { useRegexEngineStore } from '../stores/regex-engine-store.js';

/**
 * The browser build's `shared/expr/regex-engine.ts` (vite.config.ts puts it in that module's
 * place), so the start bundle does not carry re2js. Callers check `regexEnginePending` first
 * and never come here before the engine has loaded (one that did would see its pattern reported
 * as invalid, and cached so, rather than crash the editor).
 */
export function compileRegex(source: string): RegexProgram {
  const compile = useRegexEngineStore.getState().compile;
  if (compile === null) throw new Error('the regex engine has not loaded yet');
  return compile(source);
}
