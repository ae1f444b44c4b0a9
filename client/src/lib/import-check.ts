import { compileGraph } from '../../../shared/compiler/compile.js';
import type { Issue } from '../../../shared/compiler/issue.js';
import { parseDocument } from '../../../shared/compiler/parse-document.js';
import type { GraphInput } from '../../../shared/graph/graph-schema.js';
import { regexEnginePending } from '../stores/regex-engine-store.js';

/**
 * What an imported file holds, checked by the same compiler as the server before anything on
 * the canvas is touched:
 * - `invalid`: not JSON, or not a graph document — it cannot be opened;
 * - `issues`: a graph document that would not run yet (it opens, problems shown on the nodes);
 * - `ok`: a graph that compiles;
 * - `checking`: a graph document with a `~=` in it, waiting for the regex engine to load.
 */
export type ImportCheck =
  | { kind: 'empty' }
  | { kind: 'checking' }
  | { kind: 'invalid'; message: string; issues: Issue[] }
  | { kind: 'issues'; doc: GraphInput; issues: Issue[] }
  | { kind: 'ok'; doc: GraphInput };

/** Bigger than any graph the server accepts; refusing early keeps the tab responsive. */
export const MAX_IMPORT_CHARS = 5_000_000;

/**
 * @example checkImport('{"schemaVersion":1,"name":"x","nodes":[],"edges":[]}').kind // 'ok'
 * @example checkImport('{').kind // 'invalid'
 */
export function checkImport(text: string): ImportCheck {
  if (text.trim() === '') return { kind: 'empty' };
  if (text.length > MAX_IMPORT_CHARS)
    return {
      kind: 'invalid',
      message: `The file is too large (${text.length.toLocaleString('en-US')} characters).`,
      issues: [],
    };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      kind: 'invalid',
      message: `This is not JSON: ${err instanceof Error ? err.message : String(err)}`,
      issues: [],
    };
  }
  const parsed = parseDocument(json);
  if (!parsed.ok)
    return {
      kind: 'invalid',
      message: 'This is not a Sluice graph document (schemaVersion 1).',
      issues: parsed.issues,
    };
  const doc = json as GraphInput;
  if (regexEnginePending(text)) return { kind: 'checking' };
  const compiled = compileGraph(json);
  return compiled.ok ? { kind: 'ok', doc } : { kind: 'issues', doc, issues: compiled.issues };
}
