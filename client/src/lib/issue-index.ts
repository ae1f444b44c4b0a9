import type { Issue } from '../../../shared/compiler/issue.js';

/** Compiler issues grouped by what they name, so each node and edge can find its own quickly. */
export interface IssueIndex {
  all: Issue[];
  byNode: ReadonlyMap<string, Issue[]>;
  byEdge: ReadonlyMap<string, Issue[]>;
}

export const EMPTY_ISSUES: IssueIndex = { all: [], byNode: new Map(), byEdge: new Map() };

function push(map: Map<string, Issue[]>, key: string, issue: Issue): void {
  const list = map.get(key);
  if (list) list.push(issue);
  else map.set(key, [issue]);
}

/**
 * An issue naming both an edge and a node (a bad port) is listed under both.
 *
 * @example indexIssues([{ path: 'nodes.0', nodeId: 'w', message: '…' }]).byNode.get('w') // [that issue]
 */
export function indexIssues(issues: Issue[]): IssueIndex {
  const byNode = new Map<string, Issue[]>();
  const byEdge = new Map<string, Issue[]>();
  for (const issue of issues) {
    if (issue.nodeId !== undefined) push(byNode, issue.nodeId, issue);
    if (issue.edgeId !== undefined) push(byEdge, issue.edgeId, issue);
  }
  return { all: issues, byNode, byEdge };
}

const PARAM_PATH = /^nodes\.\d+\.params\.(.+)$/;

/**
 * The dotted param name an issue points at, matching the inspector's field names.
 *
 * @example paramOfIssue({ path: 'nodes.2.params.retry.attempts', message: '' }) // 'retry.attempts'
 */
export function paramOfIssue(issue: Issue): string | undefined {
  return PARAM_PATH.exec(issue.path)?.[1];
}

/** Edge-level fields (`capacity`, `overflow`, `transport`) an issue points at. */
export function edgeFieldOfIssue(issue: Issue): string | undefined {
  return /^edges\.\d+\.(capacity|overflow|transport|expireMs|fuse)$/.exec(issue.path)?.[1];
}

/** Node-level fields outside `params` (`process`, `replicas`) an issue points at. */
export function nodeFieldOfIssue(issue: Issue): string | undefined {
  return /^nodes\.\d+\.(process|replicas)$/.exec(issue.path)?.[1];
}

/**
 * An issue in words: param and edge-field issues are prefixed with what they are about, since
 * zod's messages do not say. On the node itself the node id is left out (`withSubject` false).
 *
 * @example describeIssue({ path: 'nodes.0.params.rate', nodeId: 'g', message: 'Too small' }) // 'g.rate: Too small'
 */
export function describeIssue(issue: Issue, withSubject = true): string {
  const field = paramOfIssue(issue) ?? edgeFieldOfIssue(issue) ?? nodeFieldOfIssue(issue);
  if (!field) return issue.message;
  const subject = withSubject ? (issue.nodeId ?? issue.edgeId) : undefined;
  return `${subject ? `${subject}.` : ''}${field}: ${issue.message}`;
}
