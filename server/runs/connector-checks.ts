import type { Issue } from '../../shared/compiler/issue.js';
import type { Plan } from '../../shared/compiler/plan.js';
import { checkUrl, DEFAULT_EGRESS, egressPolicy } from '../runtime/egress-policy.js';
import { resolveTailPath } from '../runtime/tail-path.js';

/** What the connector kinds may reach on this server (SLUICE_NATS_ALLOW, SLUICE_TAIL_DIR). */
export interface ConnectorEnv {
  natsAllow?: readonly string[];
  tailDir?: string;
}

/**
 * Issues a run of `plan` must not start with, by the answer they get: `egress_forbidden` for NATS
 * URLs the policy refuses outright (literal addresses; names are checked on each DNS answer when
 * connecting), `compile_failed` for settings only the server can judge (a `file-tail` path
 * outside SLUICE_TAIL_DIR or with the kind disabled, JetStream mode without a stream).
 */
export function connectorIssues(
  plan: Plan,
  docOrder: readonly string[],
  env: ConnectorEnv,
): { egress: Issue[]; config: Issue[] } {
  const policy = egressPolicy(env.natsAllow ?? DEFAULT_EGRESS);
  const egress: Issue[] = [];
  const config: Issue[] = [];
  for (const n of plan.nodes) {
    const at = (param: string) => ({ path: `nodes.${docOrder.indexOf(n.id)}.params.${param}`, nodeId: n.id });
    if (n.kind === 'nats-in' || n.kind === 'nats-out') {
      const url = new URL(n.params.url as string);
      if (checkUrl(policy, url) === 'deny')
        egress.push({
          ...at('url'),
          message: `${n.kind} may not reach ${url.hostname}: only addresses SLUICE_NATS_ALLOW allows (loopback by default)`,
        });
      if (n.kind === 'nats-in' && n.params.mode === 'jetstream' && n.params.stream === '')
        config.push({ ...at('stream'), message: 'mode jetstream needs the stream to pull from' });
    }
    if (n.kind === 'file-tail') {
      const where = resolveTailPath(env.tailDir, n.params.path as string);
      if (!where.ok) config.push({ ...at('path'), message: where.message });
    }
  }
  return { egress, config };
}
