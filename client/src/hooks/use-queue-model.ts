import { useMemo } from 'react';
import { chooseModel, type ModelChoice } from '../../../shared/analysis/queue-model.js';
import { useGraphStore } from '../stores/graph-store.js';

/**
 * The queueing model of an edge, from the drawn graph (a worker fed by a Poisson generator), or
 * undefined. The selector returns a string of the ends' kinds and params, so the card re-renders
 * only when one of them is edited, not on every graph change.
 */
export function useQueueModel(edgeId: string): ModelChoice | undefined {
  const key = useGraphStore((s) => {
    const e = s.edges.find((x) => x.id === edgeId);
    if (!e) return '';
    const source = s.nodes.find((n) => n.id === e.source)?.data;
    const target = s.nodes.find((n) => n.id === e.target)?.data;
    if (source?.kind !== 'generator' || target?.kind !== 'worker') return '';
    return JSON.stringify([source.params, target.params]);
  });
  return useMemo(() => {
    if (key === '') return undefined;
    const [sp, tp] = JSON.parse(key) as [Record<string, unknown>, Record<string, unknown>];
    return chooseModel({ kind: 'generator', params: sp }, { kind: 'worker', params: tp });
  }, [key]);
}
