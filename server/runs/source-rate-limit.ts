import { MAX_SOURCE_RATE, STEP_PEAK_FACTOR } from '../../shared/catalog/kinds/source-rates.js';
import type { Issue } from '../../shared/compiler/issue.js';
import { LIMIT_ENV, type Limits } from '../config.js';

/**
 * Sources whose `rate` the limit maxGeneratorRate covers, with how far above `rate` each may peak.
 * `log-replay` is covered too: its `rate` is items/s like a generator's, and a fast replay loads
 * the server just as much. (Burst peaks at `rate`; poisson's `rate` is its mean.)
 */
const RATED_SOURCES: Record<string, (params: Record<string, unknown>) => number> = {
  generator: (p) => (p.pattern === 'step' ? STEP_PEAK_FACTOR : 1),
  'log-replay': () => 1,
};

export interface RatedNode {
  id: string;
  kind: string;
  params: Record<string, unknown>;
}

/**
 * The highest items/s a node may emit: `Infinity` for `rate: null` (as fast as the graph
 * accepts), undefined when the node is not a rated source.
 */
export function peakSourceRate(node: RatedNode): number | undefined {
  const factor = Object.hasOwn(RATED_SOURCES, node.kind) ? RATED_SOURCES[node.kind] : undefined;
  if (!factor) return undefined;
  const rate = node.params.rate;
  if (rate === null || rate === undefined) return Number.POSITIVE_INFINITY;
  return typeof rate === 'number' ? rate * factor(node.params) : undefined;
}

/**
 * Located issues for every source whose peak rate exceeds maxGeneratorRate. One check for both
 * ways a rate reaches a run — the graph it starts from and live edits — so neither can bypass it.
 * `rate: null` counts as unlimited: refused unless the limit is at least the schema's own maximum
 * (the default limit is, so by default null runs). `pathOf` writes the path in the caller's form.
 *
 * @example
 * sourceRateIssues([{ id: 'src', kind: 'generator', params: { rate: null } }], { maxGeneratorRate: 1000 },
 *   (id, field) => `nodes.${id}.${field}`) // [{ path: 'nodes.src.rate', nodeId: 'src', message: '…' }]
 */
export function sourceRateIssues(
  nodes: Iterable<RatedNode>,
  limits: Pick<Limits, 'maxGeneratorRate'>,
  pathOf: (nodeId: string, field: string) => string,
): Issue[] {
  const max = limits.maxGeneratorRate;
  const limitName = `the limit maxGeneratorRate (${LIMIT_ENV.maxGeneratorRate}) of ${max} items/s`;
  const issues: Issue[] = [];
  for (const node of nodes) {
    const peak = peakSourceRate(node);
    if (peak === undefined || peak <= max) continue;
    const rate = node.params.rate;
    let field = 'rate';
    let message: string;
    if (rate === null || rate === undefined) {
      if (max >= MAX_SOURCE_RATE) continue;
      message = `${node.kind} "${node.id}": rate null (unlimited) exceeds ${limitName}; set a rate`;
    } else if ((rate as number) > max) {
      message = `${node.kind} "${node.id}": rate ${rate} exceeds ${limitName}`;
    } else {
      field = 'pattern';
      message = `${node.kind} "${node.id}": pattern step peaks at ${STEP_PEAK_FACTOR} × rate = ${peak} items/s, above ${limitName}`;
    }
    issues.push({ path: pathOf(node.id, field), nodeId: node.id, message });
  }
  return issues;
}
