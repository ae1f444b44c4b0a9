import { getKind } from '../catalog/catalog.js';
import type { Issue } from './issue.js';
import { zodIssues } from './parse-document.js';

/**
 * Validates a live edit of a running node: only params the kind declares live may change, and the
 * merged params must still satisfy the kind's schema. Returns the new full params.
 *
 * @example applyLivePatch('worker', 'w', current, { concurrency: 4 }) // { ok: true, params: {...} }
 */
export function applyLivePatch(
  kind: string,
  nodeId: string,
  current: Record<string, unknown>,
  patch: unknown,
): { ok: true; params: Record<string, unknown> } | { ok: false; issues: Issue[] } {
  const decl = getKind(kind);
  const path = `nodes.${nodeId}`;
  if (!decl) return { ok: false, issues: [{ path, nodeId, message: `unknown node kind "${kind}"` }] };
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    return { ok: false, issues: [{ path, nodeId, message: 'expected an object of params' }] };
  }
  const issues: Issue[] = [];
  for (const key of Object.keys(patch)) {
    if (!decl.live.includes(key)) {
      const known = Object.hasOwn(decl.params.shape, key);
      issues.push({
        path: `${path}.${key}`,
        nodeId,
        message: known
          ? `"${key}" of ${kind} cannot change while running (live: ${decl.live.join(', ') || 'none'})`
          : `${kind} has no param "${key}"`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const parsed = decl.params.safeParse({ ...current, ...patch });
  if (!parsed.success) {
    return {
      ok: false,
      issues: zodIssues(parsed.error, undefined).map((i) => ({ ...i, path: `${path}.${i.path}`, nodeId })),
    };
  }
  return { ok: true, params: parsed.data as Record<string, unknown> };
}
