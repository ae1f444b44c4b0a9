/**
 * A live edit as the recording keeps it (`EditEvent`): each field the PATCH named, its value
 * before and after, and one sentence for the timeline's hover.
 */
import type { Plan } from '../../shared/compiler/plan.js';
import type { PatchRunParamsRequest, PatchRunParamsResponse } from '../../shared/protocol/api.js';
import type { EditEvent } from '../../shared/protocol/recording-api.js';

type Changes = Record<string, Record<string, { from: unknown; to: unknown }>>;

/** The summary is for a tooltip: longer ones are cut. */
const MAX_SUMMARY = 300;

/** The params in effect before an edit (applyLiveEdit replaces and mutates the plan's). */
export function paramsBefore(plan: Plan, patch: PatchRunParamsRequest): { nodes: Changes; edges: Changes } {
  const nodes: Changes = {};
  const edges: Changes = {};
  for (const [id, fields] of Object.entries(patch.nodes ?? {})) {
    const node = plan.nodes.find((n) => n.id === id);
    if (!node) continue;
    nodes[id] = {};
    for (const f of Object.keys(fields))
      nodes[id][f] = { from: structuredClone(node.params[f]), to: undefined };
  }
  for (const [id, fields] of Object.entries(patch.edges ?? {})) {
    const edge = plan.edges.find((e) => e.id === id);
    if (!edge) continue;
    edges[id] = {};
    for (const f of Object.keys(fields) as Array<'capacity' | 'overflow'>)
      edges[id][f] = { from: edge[f], to: undefined };
  }
  return { nodes, edges };
}

const show = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'unset'));

/** The event once the edit is applied: `to` is what is now in effect. `t` is filled by the recorder. */
export function editEvent(
  before: { nodes: Changes; edges: Changes },
  applied: PatchRunParamsResponse['applied'],
): Omit<EditEvent, 't'> {
  const parts: string[] = [];
  const fill = (changes: Changes, now: Record<string, Record<string, unknown>>): Changes => {
    for (const [id, fields] of Object.entries(changes))
      for (const [f, change] of Object.entries(fields)) {
        change.to = structuredClone(now[id]?.[f]);
        parts.push(`${id}.${f} ${show(change.from)} → ${show(change.to)}`);
      }
    return changes;
  };
  const nodes = fill(before.nodes, applied.nodes);
  const edges = fill(before.edges, applied.edges as Record<string, Record<string, unknown>>);
  let summary = parts.join('; ');
  if (summary.length > MAX_SUMMARY) summary = `${summary.slice(0, MAX_SUMMARY - 1)}…`;
  const event: Omit<EditEvent, 't'> = { type: 'edit', by: 'owner', summary };
  if (Object.keys(nodes).length > 0) event.nodes = nodes;
  if (Object.keys(edges).length > 0) event.edges = edges;
  return event;
}
