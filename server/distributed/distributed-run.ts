import type { Plan } from '../../shared/compiler/plan.js';
import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { PartCommand, PartPlan } from '../../shared/protocol/cluster.js';
import type { RunError, RunStatus, RunTotals, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { isFinished } from '../../shared/protocol/telemetry.js';
import type { NodeInMessage } from '../runtime/node-io.js';
import type { RunHandle, RunResult } from '../runtime/run-handle.js';
import type { RunPartsOptions } from './coordinator-types.js';
import { RunParts } from './run-parts.js';

/**
 * A run whose parts execute on runner processes (docs/distributed.md). It is a `RunHandle` like
 * any other, so routes, sockets and the CLI do not know where its nodes run. Commands are relayed
 * to every part on the run's command subject (a part ignores what names none of its nodes); a
 * live change of a `nats` edge updates its stream first, so the broker never holds more than the
 * capacity the parts were told.
 */
export class DistributedRun implements RunHandle {
  readonly runId: string;
  readonly startedAtWall: number;
  readonly done: Promise<RunResult>;
  private readonly parts: RunParts;
  /** Live edge changes in order: each waits for the previous stream update. */
  private edgeChain: Promise<void> = Promise.resolve();

  constructor(
    plan: Plan,
    parts: PartPlan[],
    runnerOf: ReadonlyMap<string, string>,
    options: RunPartsOptions,
  ) {
    this.runId = options.runId;
    this.parts = new RunParts(plan, parts, runnerOf, options);
    this.startedAtWall = this.parts.startedAtWall;
    this.done = this.parts.done;
  }

  get status(): RunStatus {
    return this.parts.status;
  }

  get error(): RunError | undefined {
    return this.parts.error;
  }

  get endedAtWall(): number | undefined {
    return this.parts.endedAtWall;
  }

  totals(): RunTotals {
    return this.parts.totals();
  }

  latestFrame(): TelemetryFrame | null {
    return this.parts.latest;
  }

  stop(mode: 'abort' | 'drain'): void {
    this.parts.stop(mode);
  }

  pause(): boolean {
    if (this.status !== 'running') return false;
    this.parts.setPaused(true);
    return true;
  }

  resume(): boolean {
    if (this.status !== 'paused') return false;
    this.parts.setPaused(false);
    return true;
  }

  updateNode(nodeId: string, params: Record<string, unknown>): void {
    this.parts.editNode(nodeId, params);
    this.relay({ type: 'update-node', nodeId, params });
  }

  updateEdge(edgeId: string, capacity: number, overflow: Overflow, expireMs = 0): void {
    const nats = this.parts.editEdge(edgeId, capacity, overflow);
    if (!nats) {
      this.relay({ type: 'update-edge', edgeId, capacity, overflow, expireMs });
      return;
    }
    this.edgeChain = this.edgeChain.then(async () => {
      try {
        await this.parts.broker.update(edgeId, capacity, overflow);
      } catch (err) {
        // The parts keep the old limit with the stream: telling them the new one would lie.
        const target = this.parts.targetOf(edgeId);
        this.parts.log(
          `${target}: edge "${edgeId}": the stream's limit could not be changed: ${String(err)}`,
          target,
        );
        return;
      }
      this.relay({ type: 'update-edge', edgeId, capacity, overflow });
    });
  }

  toNode(nodeId: string, message: NodeInMessage): void {
    this.relay({ type: 'node', nodeId, message });
  }

  /** Part → runner, for the parts not ended (placement counts them before heartbeats list them). */
  placed(): Map<string, string> {
    return this.parts.placed();
  }

  /** Shutdown without the parts' cooperation: the run ends `stopped` now, its streams deleted. */
  terminate(): void {
    this.parts.terminate();
  }

  private relay(command: PartCommand): void {
    if (isFinished(this.status)) return;
    this.parts.relay(command);
  }
}
