import { compileParsed } from '../../shared/compiler/compile.js';
import type { Issue } from '../../shared/compiler/issue.js';
import { parseDocument } from '../../shared/compiler/parse-document.js';
import type { Graph } from '../../shared/graph/graph-schema.js';
import type { Limits } from '../config.js';
import { HttpError } from './api-error.js';
import { checkImportLimits } from './import-limits.js';

/** Refuses an untrusted document that breaks an import limit or uses a poisoning key or id. */
export function enforceImportLimits(doc: unknown, limits: Limits, invalidCode: string): void {
  const { overLimit, invalid } = checkImportLimits(doc, limits);
  if (invalid.length > 0) throw new HttpError(400, invalidCode, 'the graph document is not valid', invalid);
  if (overLimit.length > 0) throw new HttpError(400, 'limit_exceeded', overLimit[0]!.message, overLimit);
}

/**
 * What a save needs: a valid *document* within the limits. A graph that would not run yet
 * (unconnected port, unknown kind, out-of-range param) is still saved — people save work in
 * progress — and what stops it from running comes back as `runIssues`.
 */
export function validateGraphDocument(body: unknown, limits: Limits): { graph: Graph; runIssues: Issue[] } {
  enforceImportLimits(body, limits, 'invalid_graph');
  const doc = parseDocument(body);
  if (!doc.ok) throw new HttpError(400, 'invalid_graph', 'the graph document is not valid', doc.issues);
  const compiled = compileParsed(doc.value);
  return { graph: doc.value, runIssues: compiled.ok ? [] : compiled.issues };
}
