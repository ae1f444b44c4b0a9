import type { Socket } from 'socket.io';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { frameDelta, type TelemetryDelta } from '../../shared/telemetry/frame-delta.js';
import { advance, type DeltaCursor, sendAs } from '../../shared/telemetry/keyframes.js';

/**
 * The gateway's book of delta subscribers (`run:subscribe { delta: true }`, docs/telemetry.md):
 * per socket and run, the last frame it was sent. Bounded by what is subscribed: one small
 * cursor per socket and run (gone with the socket, an unsubscribe or the run's end) and one
 * frame reference per run with delta subscribers — the frame the run handle keeps as its
 * latest anyway.
 */
export class DeltaRelay {
  private readonly cursors = new WeakMap<Socket, Map<string, DeltaCursor | null>>();
  /** The frame last relayed per run, what the next delta is told against. */
  private readonly previous = new Map<string, TelemetryFrame>();

  /** The socket asked for deltas of `runId`; `sent` is the frame its subscription ack carried. */
  subscribe(socket: Socket, runId: string, sent: TelemetryFrame | null): void {
    let runs = this.cursors.get(socket);
    if (!runs) {
      runs = new Map();
      this.cursors.set(socket, runs);
    }
    runs.set(runId, sent ? advance(undefined, sent.seq, 'full') : null);
  }

  forget(socket: Socket, runId: string): void {
    this.cursors.get(socket)?.delete(runId);
  }

  /** The run ended: nothing more will be told against its last frame. */
  runEnded(runId: string): void {
    this.previous.delete(runId);
  }

  /**
   * Splits the sockets ready for `frame` into those that get it whole (full subscribers, and
   * delta subscribers that need a keyframe) and those that get `delta`, and moves their cursors
   * on. Call once per relayed frame, with every socket the frame goes to (not the skipped).
   */
  plan(frame: TelemetryFrame, ready: readonly Socket[]): { deltaTo: string[]; delta: TelemetryDelta | null } {
    const prev = this.previous.get(frame.runId);
    const deltaTo: string[] = [];
    let anyDelta = false;
    for (const socket of ready) {
      const runs = this.cursors.get(socket);
      if (!runs?.has(frame.runId)) continue;
      anyDelta = true;
      const cursor = runs.get(frame.runId) ?? undefined;
      const how = sendAs(cursor, prev?.seq);
      runs.set(frame.runId, advance(cursor, frame.seq, how));
      if (how === 'delta') deltaTo.push(socket.id);
    }
    // Only runs someone watches as deltas keep their previous frame here.
    if (anyDelta) this.previous.set(frame.runId, frame);
    else this.previous.delete(frame.runId);
    return { deltaTo, delta: prev && deltaTo.length > 0 ? frameDelta(prev, frame) : null };
  }
}
