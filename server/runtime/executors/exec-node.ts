import type { PlanNode } from '../../../shared/compiler/plan.js';
import type { Cancellation } from '../cancellation.js';
import type { Clock } from '../clock.js';
import type { MergedInput } from '../merged-input.js';
import type { Item } from '../node-behavior.js';
import type { NodeStats } from '../node-stats.js';
import type { OutputPort, PortWriter } from '../output-port.js';
import type { Scheduler } from '../scheduler.js';
import type { Tracer } from '../trace/tracer.js';
import type { FusedChain } from './fused-chain.js';

/** Largest batch a lane takes or makes at once: big enough to amortise hand-offs, small enough for latency. */
export const MAX_BATCH = 256;

/** What an executor needs from its run: everything a node touches, and nothing of telemetry's consumers. */
export interface ExecNode {
  readonly plan: PlanNode;
  readonly stats: NodeStats;
  readonly input: MergedInput<Item>;
  readonly outputs: ReadonlyMap<string, OutputPort<Item>>;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly cancellation: Cancellation;
  readonly random: () => number;
  /** The run's traces; absent where nothing is traced (executors driven alone in tests). */
  readonly tracer?: Tracer;
  /**
   * The nodes fused after this one (issue 21's fast path): its pump runs them in its own loop.
   * Set on the head of a fused chain only; a node inside a chain has no pump of its own.
   */
  readonly fused?: FusedChain | undefined;
  /** Tests only: sees every batch a sink takes. */
  readonly probe?: ((nodeId: string, items: readonly Item[]) => void) | undefined;
  /** Fails the whole run (error policy `fail`). */
  fail(message: string): void;
  /** True once Drain was asked for: sources stop making items. */
  readonly draining: boolean;
  /** Registers a source's sleep so Drain can wake it at once. */
  onDrain(wake: () => void): () => void;
}

/** One writer per output port, for one lane. */
export function openWriters(node: ExecNode): Map<string, PortWriter<Item>> {
  return new Map([...node.outputs].map(([port, out]) => [port, out.writer()]));
}

/** Sends every non-empty per-port buffer; returns the writers that are now blocked. */
export function sendAll(
  writers: ReadonlyMap<string, PortWriter<Item>>,
  buffers: Map<string, Item[]>,
  now: number,
): PortWriter<Item>[] | undefined {
  let blocked: PortWriter<Item>[] | undefined;
  for (const [port, items] of buffers) {
    if (items.length === 0) continue;
    const out = writers.get(port)!;
    if (!out.send(items, now)) {
      blocked ??= [];
      blocked.push(out);
    }
    buffers.set(port, []);
  }
  return blocked;
}

export function closeOutputs(node: ExecNode): void {
  for (const out of node.outputs.values()) out.close();
}
