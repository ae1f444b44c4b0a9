import { compileGraph } from '../../../shared/compiler/compile.js';
import type { Issue } from '../../../shared/compiler/issue.js';
import { parseDocument } from '../../../shared/compiler/parse-document.js';
import type { GraphInput } from '../../../shared/graph/graph-schema.js';
import { RECORDING_FILE_FORMAT } from '../../../shared/protocol/recording-file.js';
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
 * A recording, not a graph: the file Export on /r/<slug> downloads (`format: 'sluice-recording'`,
 * shared/protocol/recording-file.ts), or a recording's JSON as the API serves it (frames around
 * its graph).
 */
function isRecordingFile(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  if (o.format === RECORDING_FILE_FORMAT) return true;
  return Array.isArray(o.frames) && typeof o.graph === 'object' && o.graph !== null;
}

/**
 * `fileName` when the text was read from a file: an empty file is then refused by name, not
 * taken for a dialog where nothing was chosen yet.
 *
 * @example checkImport('{"schemaVersion":1,"name":"x","nodes":[],"edges":[]}').kind // 'ok'
 * @example checkImport('{').kind // 'invalid'
 * @example checkImport('', 'a.json').kind // 'invalid'
 */
export function checkImport(text: string, fileName?: string | null): ImportCheck {
  if (text.trim() === '')
    return fileName
      ? { kind: 'invalid', message: `${fileName} is empty: there is nothing in it to import.`, issues: [] }
      : { kind: 'empty' };
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
  if (isRecordingFile(json))
    return {
      kind: 'invalid',
      message: 'This is a recording (a run’s frames), not a graph: open it with File → Import recording….',
      issues: [],
    };
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
