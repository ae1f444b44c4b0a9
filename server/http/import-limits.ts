import { getKind } from '../../shared/catalog/catalog.js';
import type { Issue } from '../../shared/compiler/issue.js';
import { locate } from '../../shared/compiler/parse-document.js';
import { POISON_KEYS } from '../../shared/graph/poison-keys.js';
import { LIMIT_ENV, type Limits } from '../config.js';

/** Is `nodes.<i>.params.<name>` a param its kind declares as an expression (`expressions` in the catalog)? */
function isExpressionParam(doc: unknown, path: (string | number)[]): boolean {
  if (path.length !== 4 || path[0] !== 'nodes' || path[2] !== 'params') return false;
  const node = (doc as { nodes: { kind?: unknown }[] }).nodes[path[1] as number];
  const kind = typeof node?.kind === 'string' ? getKind(node.kind) : undefined;
  return kind?.expressions.includes(String(path[3])) ?? false;
}

/** At most this many issues: a hostile document must not make the error body itself huge. */
const MAX_ISSUES = 20;

export interface ImportCheck {
  /** Over a size limit: 400 `limit_exceeded`, each issue naming the limit and its variable. */
  overLimit: Issue[];
  /** Poisoning keys and ids: 400 `invalid_graph`. */
  invalid: Issue[];
}

const limitName = (key: keyof Limits) => `${key} (${LIMIT_ENV[key]})`;

/**
 * Checks an untrusted graph document against the server's import limits before any schema work:
 * node and edge counts, nesting depth, string and expression lengths, poisoning keys at any depth,
 * and ids that would become poisoning keys once used as object keys downstream (frames, metrics).
 * An iterative walk, so a deeply nested document cannot overflow the stack.
 *
 * @example checkImportLimits(JSON.parse(body), DEFAULT_LIMITS) // [] when within every limit
 */
export function checkImportLimits(doc: unknown, limits: Limits): ImportCheck {
  const issues: Issue[] = [];
  const invalid: Issue[] = [];
  const root = doc as { nodes?: unknown; edges?: unknown } | null;
  if (Array.isArray(root?.nodes) && root.nodes.length > limits.maxNodes) {
    issues.push({
      path: 'nodes',
      message: `graph has ${root.nodes.length} nodes; the limit ${limitName('maxNodes')} is ${limits.maxNodes}`,
    });
  }
  if (Array.isArray(root?.edges) && root.edges.length > limits.maxEdges) {
    issues.push({
      path: 'edges',
      message: `graph has ${root.edges.length} edges; the limit ${limitName('maxEdges')} is ${limits.maxEdges}`,
    });
  }
  if (issues.length > 0) return { overLimit: issues, invalid };

  const stack: Array<{ value: unknown; path: (string | number)[] }> = [{ value: doc, path: [] }];
  while (stack.length > 0 && issues.length + invalid.length < MAX_ISSUES) {
    const { value, path } = stack.pop()!;
    const at = (message: string, p = path): Issue => ({ path: p.join('.'), ...locate(doc, p), message });
    if (typeof value === 'string') {
      const key = path.at(-1);
      const isExpression = isExpressionParam(doc, path);
      const max = isExpression ? limits.maxExpressionLength : limits.maxStringLength;
      if (value.length > max) {
        const what = isExpression ? 'expression' : 'string';
        const limit = limitName(isExpression ? 'maxExpressionLength' : 'maxStringLength');
        issues.push(at(`${what} of ${value.length} characters; the limit ${limit} is ${max}`));
      }
      if (key === 'id' && path.length === 3 && POISON_KEYS.has(value)) {
        invalid.push(at(`"${value}" cannot be used as an id`));
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= limits.maxNestingDepth) {
      issues.push(
        at(`nested deeper than the limit ${limitName('maxNestingDepth')} of ${limits.maxNestingDepth}`),
      );
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = [...path, key];
      if (typeof key === 'string') {
        if (POISON_KEYS.has(key)) {
          invalid.push(at(`forbidden key "${key}"`, childPath));
          continue;
        }
        if (key.length > limits.maxStringLength) {
          issues.push(
            at(
              `key of ${key.length} characters; the limit ${limitName('maxStringLength')} is ${limits.maxStringLength}`,
            ),
          );
          continue;
        }
      }
      stack.push({ value: child, path: childPath });
    }
  }
  return { overLimit: issues, invalid };
}
