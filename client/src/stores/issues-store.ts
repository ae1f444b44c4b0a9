import { create } from 'zustand';
import { compileGraph } from '../../../shared/compiler/compile.js';
import type { Issue } from '../../../shared/compiler/issue.js';
import { structureKey, toGraphDocument } from '../lib/flow-convert.js';
import { EMPTY_ISSUES, type IssueIndex, indexIssues } from '../lib/issue-index.js';
import { useClusterModeStore } from './cluster-mode-store.js';
import { useGraphStore } from './graph-store.js';
import { regexEnginePending, useRegexEngineStore } from './regex-engine-store.js';

/**
 * Validation as you edit: the shared compiler runs on the current graph whenever something it
 * looks at changes (not on drags or selection), and its issues are indexed by node and edge.
 */
export const useIssuesStore = create<IssueIndex>()(() => EMPTY_ISSUES);

let lastKey = '';

function recompile(): void {
  const { name, nodes, edges } = useGraphStore.getState();
  const { natsConfigured } = useClusterModeStore.getState();
  const key = `${natsConfigured}|${structureKey(nodes, edges)}`;
  if (key === lastKey) return;
  // A `~=` needs the regex engine, fetched on first need: the graph is checked once it is here.
  if (regexEnginePending(key)) return;
  lastKey = key;
  const result = compileGraph(toGraphDocument(name, nodes, edges), { natsConfigured });
  useIssuesStore.setState(result.ok ? EMPTY_ISSUES : indexIssues(result.issues), true);
}

recompile();
useGraphStore.subscribe((s, prev) => {
  if (s.nodes !== prev.nodes || s.edges !== prev.edges) recompile();
});
useClusterModeStore.subscribe(recompile);
useRegexEngineStore.subscribe(recompile);

const NO_ISSUES: Issue[] = [];

export function useNodeIssues(nodeId: string): Issue[] {
  return useIssuesStore((s) => s.byNode.get(nodeId) ?? NO_ISSUES);
}

export function useEdgeIssues(edgeId: string): Issue[] {
  return useIssuesStore((s) => s.byEdge.get(edgeId) ?? NO_ISSUES);
}
