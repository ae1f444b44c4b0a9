import type { Plan } from '../../../shared/compiler/plan.js';
import type { Hop, TraceMessage } from '../../../shared/protocol/trace.js';
import type { Item } from '../node-behavior.js';
import { startRun } from '../start-run.js';
import { FakeClock } from '../test-helpers/fake-clock.js';

/**
 * Tests: a run on fake time whose trace messages are kept per trace, and what its sinks receive.
 * `events(id)` reads a trace as `event edge @node` strings.
 */
export function traced(plan: Plan, seed = 1) {
  const clock = new FakeClock();
  const hops = new Map<string, Hop[]>();
  const done = new Set<string>();
  const sunk: Item[] = [];
  const run = startRun(plan, {
    runId: 'r',
    clock,
    seed,
    telemetryHz: 0,
    probe: (_id, items) => sunk.push(...items),
    onTrace: (messages: TraceMessage[]) => {
      for (const m of messages) {
        hops.set(m.traceId, [...(hops.get(m.traceId) ?? []), ...m.hops]);
        if (m.done) done.add(m.traceId);
      }
    },
  });
  const events = (id: string) =>
    (hops.get(id) ?? []).map(
      (h) => `${h.event}${h.edgeId ? ` ${h.edgeId}` : ''}${h.nodeId ? ` @${h.nodeId}` : ''}`,
    );
  return { clock, run, hops, done, sunk, events };
}
