import type { Issue } from '../../../shared/compiler/issue.js';
import { isFinished, type RunStatus } from '../../../shared/protocol/telemetry.js';
import { describeIssue } from './issue-index.js';

/** The editor's run state: no run yet, or a server run status. */
export type RunPhase = 'idle' | RunStatus;

/** A run exists and has not ended: Stop makes sense, Run does not. */
export function isRunActive(phase: RunPhase): boolean {
  return phase !== 'idle' && !isFinished(phase);
}

/**
 * Why Run is disabled, in words for the button's tooltip and the status bar; null when it may run.
 *
 * @example runBlockReason({ phase: 'idle', nodeCount: 0, issues: [] }) // 'Add a source from the palette to run'
 */
export function runBlockReason(state: {
  phase: RunPhase;
  nodeCount: number;
  issues: Issue[];
  starting?: boolean;
}): string | null {
  if (state.starting || isRunActive(state.phase)) return 'A run is in progress';
  if (state.nodeCount === 0) return 'Add a source from the palette to run';
  const [first] = state.issues;
  if (first) {
    const n = state.issues.length;
    return `Fix ${n} problem${n === 1 ? '' : 's'} first: ${describeIssue(first)}`;
  }
  return null;
}
