import type { Issue } from '../../../shared/compiler/issue.js';
import { useGraphStore } from '../stores/graph-store.js';

/** Compiler issues as a list; each names its node or edge and selects it when clicked. */
export function IssuesList({ issues, testId }: { issues: Issue[]; testId?: string }) {
  if (issues.length === 0) return null;
  const select = useGraphStore.getState().select;
  return (
    <ul className="issues-list" data-testid={testId}>
      {issues.map((issue) => {
        const target = issue.nodeId
          ? ({ type: 'node', id: issue.nodeId } as const)
          : issue.edgeId
            ? ({ type: 'edge', id: issue.edgeId } as const)
            : null;
        return (
          // Issues have no id of their own; path + message is unique within one compile result.
          <li key={`${issue.path}:${issue.message}`} className="issues-list__item">
            <span className="issues-list__icon" aria-hidden="true">
              ⚠
            </span>
            <span className="issues-list__text">
              {target && (
                <button type="button" className="link issues-list__target" onClick={() => select(target)}>
                  {target.id}
                </button>
              )}
              {issue.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
