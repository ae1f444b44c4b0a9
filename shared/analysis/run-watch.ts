import type { TelemetryFrame } from '../protocol/telemetry.js';
import { type Bottleneck, findBottlenecks, holdBottlenecks, worstBottleneck } from './bottleneck.js';
import { type FillStreak, judgeFilling } from './fill-level.js';
import type { EdgeEnds } from './held-back.js';
import { byId, type NameOf } from './node-names.js';

/** The worst confirmed bottleneck of a frame, as the banner shows it. */
export interface NamedBottleneck {
  nodeId: string;
  sentence: string;
  detail: string;
}

/**
 * Follows a run frame by frame the way the browser does — bottlenecks found with the frame before,
 * held and confirmed (holdBottlenecks), "full in" judged per queue (judgeFilling) — for readers
 * without the UI (the CLI). Memory: one entry per node and edge.
 *
 * @example
 * const watch = new RunWatch(graph.edges);
 * onFrame = (f) => watch.see(f);
 * watch.bottleneck()?.sentence // 'work is the bottleneck: 2,000 items/s offered × 2 ms ÷ 1 lane = …'
 */
export class RunWatch {
  private held: Record<string, Bottleneck> = {};
  private previous: TelemetryFrame | undefined;
  private readonly streaks = new Map<string, FillStreak>();
  private readonly etas = new Map<string, number | null>();

  /** `nameOf` names nodes in the sentences (labels, see namesOf); ids by default. */
  constructor(
    private readonly edges: readonly EdgeEnds[],
    private readonly nameOf: NameOf = byId,
  ) {}

  see(frame: TelemetryFrame): void {
    this.held = holdBottlenecks(
      this.held,
      findBottlenecks(frame, this.edges, this.previous, this.nameOf),
      frame,
    );
    this.previous = frame;
    for (const [id, q] of Object.entries(frame.edges)) {
      const { streak, etaMs } = judgeFilling(this.streaks.get(id), q, frame.t);
      if (streak) this.streaks.set(id, streak);
      else this.streaks.delete(id);
      this.etas.set(id, etaMs);
    }
  }

  /** The worst confirmed bottleneck after the frames seen, or null. */
  bottleneck(): NamedBottleneck | null {
    const worst = worstBottleneck(this.held);
    return worst ? { nodeId: worst[0], sentence: worst[1].sentence, detail: worst[1].detail } : null;
  }

  /** ms until the queue is full when it is meaningfully filling (as the canvas says "full in"), else null. */
  fullInMs(edgeId: string): number | null {
    return this.etas.get(edgeId) ?? null;
  }
}
