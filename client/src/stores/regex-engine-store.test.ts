import { describe, expect, it } from 'vitest';
import { compileRegex } from '../lib/regex-engine-lazy.js';
import { loadRegexEngine, regexEnginePending, useRegexEngineStore } from './regex-engine-store.js';

describe('the regex engine, fetched on first need', () => {
  it('is not asked for by text without ~=, is by text with one, and then compiles', async () => {
    expect(regexEnginePending('level == "ERROR" and latencyMs > 250')).toBe(false);
    expect(useRegexEngineStore.getState().compile).toBeNull();
    // The browser build's compileRegex refuses until the engine is here (callers ask first).
    expect(() => compileRegex('^a')).toThrow('not loaded yet');

    expect(regexEnginePending('msg ~= "^a.c$"')).toBe(true);
    await loadRegexEngine(); // the load the line above started
    expect(useRegexEngineStore.getState().compile).not.toBeNull();
    expect(regexEnginePending('msg ~= "^a.c$"')).toBe(false);
    expect(compileRegex('^a.c$').test('abc')).toBe(true);
    expect(compileRegex('^a.c$').test('abcd')).toBe(false);
    expect(() => compileRegex('(unclosed')).toThrow();
  });
});
