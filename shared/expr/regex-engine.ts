import { RE2JS } from 're2js';

/** What `~=` needs of a compiled pattern. */
export interface RegexProgram {
  test(text: string): boolean;
}

/**
 * Compiles an RE2 pattern, throwing re2js's error for a bad one: the only place shared code
 * takes re2js from. The browser build puts `client/src/lib/regex-engine-lazy.ts` in this
 * module's place (vite.config.ts), which fetches re2js (150 kB, a seventh of the start bundle)
 * only when an expression or graph holds a `~=`; the server, its worker threads and the tests
 * use this one, loaded with everything else.
 *
 * @example compileRegex('^ERROR').test('ERROR: disk') // true
 */
export function compileRegex(source: string): RegexProgram {
  return RE2JS.compile(source);
}
