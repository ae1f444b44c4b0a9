import type { Plan } from '../../shared/compiler/plan.js';
import type { Item } from '../runtime/node-behavior.js';
import type { NodeOutMessage } from '../runtime/node-io.js';
import type { RunHandle } from '../runtime/run-handle.js';
import { IngestWindow } from './ingest-window.js';

export interface RunIoListener {
  items(nodeId: string, items: Item[]): void;
  log(nodeId: string, lines: string[], sampledOut: number): void;
}

/**
 * The main thread's end of a run's I/O nodes: an ingest window per `http-ingest` node, credit
 * grants for `browser` nodes, and the relay of what sinks send out.
 */
export class RunIo {
  private readonly windows = new Map<string, IngestWindow>();
  private readonly browsers = new Set<string>();
  private readonly pendingCredit = new Map<string, number>();
  private flushQueued = false;
  private run: RunHandle | undefined;

  constructor(
    plan: Plan,
    private readonly listener: RunIoListener,
  ) {
    for (const n of plan.nodes) {
      if (n.kind === 'http-ingest') this.windows.set(n.id, new IngestWindow(n.params.bufferSize as number));
      if (n.kind === 'browser') this.browsers.add(n.id);
    }
  }

  attach(run: RunHandle): void {
    this.run = run;
  }

  /** Messages the run's nodes send out (wired to the run's `onNodeMessage`). */
  readonly fromNode = (nodeId: string, m: NodeOutMessage): void => {
    if (m.type === 'ingest-credit') this.windows.get(nodeId)?.release(m.n);
    else if (m.type === 'items') this.listener.items(nodeId, m.items);
    else this.listener.log(nodeId, m.lines, m.sampledOut);
  };

  ingestWindow(nodeId: string): IngestWindow | undefined {
    return this.windows.get(nodeId);
  }

  /** Accepts the whole request against the node's credit and sends it to the run, or refuses it. */
  ingest(nodeId: string, items: Item[]): boolean {
    const window = this.windows.get(nodeId);
    if (!window || !this.run || !window.tryReserve(items.length)) return false;
    if (items.length > 0) this.run.toNode(nodeId, { type: 'ingest', items });
    return true;
  }

  isBrowser(nodeId: string): boolean {
    return this.browsers.has(nodeId);
  }

  /**
   * Grants credit to a browser sink. Grants arriving together (many clients, a chatty one) are
   * summed and sent to the run once per turn of the event loop: one message, not one per grant.
   */
  grant(nodeId: string, n: number): void {
    this.pendingCredit.set(nodeId, (this.pendingCredit.get(nodeId) ?? 0) + n);
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      for (const [id, credit] of this.pendingCredit) this.run?.toNode(id, { type: 'credit', n: credit });
      this.pendingCredit.clear();
    });
  }
}
