import { EXPIRE_OVER_BROKER, RENDEZVOUS_OVER_BROKER } from '../../shared/compiler/check-distributed.js';
import { whyNotFusable } from '../../shared/compiler/fuse-plan.js';
import type { Issue } from '../../shared/compiler/issue.js';
import { applyLivePatch } from '../../shared/compiler/live-params.js';
import type { Plan } from '../../shared/compiler/plan.js';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { PatchRunParamsRequest, PatchRunParamsResponse } from '../../shared/protocol/api.js';
import { DEFAULT_LIMITS, type Limits } from '../config.js';
import { sourceRateIssues } from '../runs/source-rate-limit.js';
import type { RunHandle } from '../runtime/run-handle.js';
import { HttpError } from './api-error.js';

type Applied = PatchRunParamsResponse['applied'];

/**
 * Applies a live edit all-or-nothing: every node and edge change is validated against the run's
 * plan first (unknown ids, unknown or non-live params, out-of-range values); only when all pass is
 * anything sent to the run. The plan is updated too, so the next edit validates against the
 * params now in effect. A change within the schemas but beyond the server's limits (a source's rate
 * above maxGeneratorRate) is refused whole with 400 `limit_exceeded`.
 */
export function applyLiveEdit(
  run: RunHandle,
  plan: Plan,
  patch: PatchRunParamsRequest,
  /** Default: the built-in limits (the lesson harness); the API passes the server's own. */
  limits: Pick<Limits, 'maxGeneratorRate'> = DEFAULT_LIMITS,
): Applied {
  const issues: Issue[] = [];
  const applied: Applied = { nodes: {}, edges: {} };
  const nodes = new Map(plan.nodes.map((n) => [n.id, n]));
  const edges = new Map(plan.edges.map((e) => [e.id, e]));

  for (const [nodeId, params] of Object.entries(patch.nodes ?? {})) {
    const node = nodes.get(nodeId);
    if (!node) {
      issues.push({ path: `nodes.${nodeId}`, nodeId, message: `the run has no node "${nodeId}"` });
      continue;
    }
    const result = applyLivePatch(node.kind, nodeId, node.params, params);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    // A fused edge whose source could no longer head it (a generator given a rate): refused, as a
    // fused edge's capacity is — the run keeps the loop it started with.
    const field = fusedFieldRefused(plan, node, result.params, params);
    if (field !== undefined) issues.push(field);
    else applied.nodes[nodeId] = result.params;
  }
  for (const [edgeId, change] of Object.entries(patch.edges ?? {})) {
    const edge = edges.get(edgeId);
    if (!edge) {
      issues.push({ path: `edges.${edgeId}`, edgeId, message: `the run has no edge "${edgeId}"` });
      continue;
    }
    // A fused edge has no queue to resize (issue 21): refused with why, not silently ignored.
    if (edge.fused) {
      const field = (['capacity', 'overflow', 'expireMs'] as const).find((f) => change[f] !== undefined);
      if (field !== undefined) {
        issues.push({
          path: `edges.${edgeId}.${field}`,
          edgeId,
          message: `edge "${edgeId}" runs fused (fast path): it has no queue, so its ${field} cannot change during the run — start the run without fusing this edge to tune it`,
        });
        continue;
      }
    }
    applied.edges[edgeId] = {
      capacity: change.capacity ?? edge.capacity,
      overflow: (change.overflow ?? edge.overflow) as Overflow,
    };
    const expireMs = change.expireMs === undefined ? edge.expireMs : (change.expireMs ?? undefined);
    if (expireMs !== undefined) applied.edges[edgeId].expireMs = expireMs;
    if (change.expireMs && edge.transport === 'nats')
      issues.push({
        path: `edges.${edgeId}.expireMs`,
        edgeId,
        message: `edge "${edgeId}": ${EXPIRE_OVER_BROKER}`,
      });
    // A broker edge is a stream of at least one message: the compiler refuses 0 there, so does a live edit.
    if (edge.transport === 'nats' && applied.edges[edgeId].capacity < 1)
      issues.push({
        path: `edges.${edgeId}.capacity`,
        edgeId,
        message: `edge "${edgeId}": ${RENDEZVOUS_OVER_BROKER}`,
      });
  }
  if (issues.length > 0) {
    throw new HttpError(400, 'invalid_params', issues[0]!.message, issues);
  }
  // The params now valid by their schemas must also stay within the server's limits: the same
  // check a run's start goes through (a live rate, or pattern step, could otherwise bypass it).
  const limitIssues = sourceRateIssues(
    Object.entries(applied.nodes).map(([id, params]) => ({ id, kind: nodes.get(id)!.kind, params })),
    limits,
    (nodeId, field) => `nodes.${nodeId}.${field}`,
  );
  if (limitIssues.length > 0) {
    throw new HttpError(400, 'limit_exceeded', limitIssues[0]!.message, limitIssues);
  }

  for (const [nodeId, params] of Object.entries(applied.nodes)) {
    run.updateNode(nodeId, params);
    nodes.get(nodeId)!.params = params;
  }
  for (const [edgeId, { capacity, overflow, expireMs }] of Object.entries(applied.edges)) {
    run.updateEdge(edgeId, capacity, overflow, expireMs ?? 0);
    const planned = edges.get(edgeId)!;
    Object.assign(planned, { capacity, overflow });
    if (expireMs === undefined) delete planned.expireMs;
    else planned.expireMs = expireMs;
  }
  return applied;
}

/** The issue refusing `change` to `node` when a fused edge out of it could not run fused with it. */
function fusedFieldRefused(
  plan: Plan,
  node: Plan['nodes'][number],
  params: Record<string, unknown>,
  change: Record<string, unknown>,
): Issue | undefined {
  const fused = plan.edges.filter((e) => e.fused && e.source === node.id);
  if (fused.length === 0) return undefined;
  const nodes = new Map(plan.nodes.map((n) => [n.id, n.id === node.id ? { ...n, params } : n]));
  for (const e of fused) {
    const why = whyNotFusable(e, nodes, plan.edges);
    if (why === null) continue;
    const field = 'rate' in change ? 'rate' : (Object.keys(change)[0] ?? 'params');
    return {
      path: `nodes.${node.id}.${field}`,
      nodeId: node.id,
      message: `node "${node.id}" heads fused edge "${e.id}" (fast path): ${why}, so this cannot change during the run — start the run without fusing that edge to tune it`,
    };
  }
  return undefined;
}
