import type { z } from 'zod';
import { type Graph, graphSchema } from '../graph/graph-schema.js';
import { findPoisonKeys } from '../graph/poison-keys.js';
import type { Issue, PassResult } from './issue.js';
import { issueWords } from './issue-words.js';

/** Names the node or edge a path points into, using the raw document (ids may be invalid there). */
export function locate(raw: unknown, path: readonly PropertyKey[]): Pick<Issue, 'nodeId' | 'edgeId'> {
  const [list, index] = path;
  if ((list !== 'nodes' && list !== 'edges') || typeof index !== 'number') return {};
  const arr = (raw as Record<string, unknown> | null)?.[list];
  const entry = Array.isArray(arr) ? (arr[index] as Record<string, unknown> | undefined) : undefined;
  const id = typeof entry?.id === 'string' ? entry.id : undefined;
  if (id === undefined) return {};
  return list === 'nodes' ? { nodeId: id } : { edgeId: id };
}

export function zodIssues(error: z.ZodError, raw: unknown, prefix: readonly PropertyKey[] = []): Issue[] {
  return error.issues.map((i) => {
    const full = [...prefix, ...i.path];
    let message = issueWords(i);
    if (i.code === 'unrecognized_keys')
      message = `unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}`;
    return { path: full.map(String).join('.'), ...locate(raw, full), message };
  });
}

/** Pass 1: refuse prototype-poisoning keys, then validate the document shape and fill defaults. */
export function parseDocument(input: unknown): PassResult<Graph> {
  const poisoned = findPoisonKeys(input);
  if (poisoned.length > 0) {
    return {
      ok: false,
      issues: poisoned.map((path) => ({ path, message: `forbidden key "${path.split('.').pop()}"` })),
    };
  }
  const parsed = graphSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, input) };
  return { ok: true, value: parsed.data, issues: [] };
}
