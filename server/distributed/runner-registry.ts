import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { z } from 'zod';
import { HEARTBEAT_SUBJECT, RUNNER_DEAD_AFTER_MS, type RunnerInfo } from '../../shared/protocol/cluster.js';
import { type Clock, realClock } from '../runtime/clock.js';

/** Runner ids end up in subjects (`sluice.runner.<id>.start`): no dots, wildcards or spaces. */
export const RUNNER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A heartbeat is untrusted bytes on a subject anyone connected may publish to: parsed, bounded,
 * and dropped (counted) when it is not one.
 */
const heartbeatSchema = z.object({
  id: z.string().regex(RUNNER_ID_PATTERN),
  host: z.string().min(1).max(255),
  slots: z.number().int().min(1).max(1024),
  parts: z.array(z.string().max(300)).max(1024),
  startedAt: z.number().finite(),
  at: z.number().finite(),
  version: z.string().max(64),
});
type Heartbeat = z.infer<typeof heartbeatSchema>;

export const MAX_RUNNERS = 1024;
/** A dead runner stays in `list()` this long (so an operator sees it went), then is forgotten. */
const FORGET_DEAD_AFTER_MS = 10 * RUNNER_DEAD_AFTER_MS;

interface Entry {
  beat: Heartbeat;
  /** Server clock (monotonic) when its last heartbeat arrived. */
  heardAt: number;
  dead: boolean;
  timer: unknown;
}

type Listener = (runnerId: string) => void;

/**
 * The runners this server has heard from, kept from their heartbeats. A runner silent for
 * `RUNNER_DEAD_AFTER_MS` is dead (`onDead`): the coordinator places its parts again. Time is the
 * injected clock's, so tests drive death on fake time.
 *
 * @example
 * const registry = new RunnerRegistry();
 * registry.attach(nc);
 * registry.onDead((id) => coordinator.runnerLost(id));
 */
export class RunnerRegistry {
  /** Messages on the heartbeat subject that were not a valid heartbeat. */
  invalidHeartbeats = 0;
  /** Heartbeats of new runners refused because `MAX_RUNNERS` were known. */
  refusedRunners = 0;
  private readonly runners = new Map<string, Entry>();
  private readonly deadListeners = new Set<Listener>();
  private readonly joinListeners = new Set<Listener>();
  private sub: Subscription | undefined;

  constructor(
    private readonly clock: Clock = realClock,
    private readonly deadAfterMs = RUNNER_DEAD_AFTER_MS,
  ) {}

  /** Listens to heartbeats on this connection (until `close()`). */
  attach(nc: NatsConnection): void {
    this.sub = nc.subscribe(HEARTBEAT_SUBJECT, {
      callback: (err, msg) => {
        if (!err) this.receive(msg.data);
      },
    });
  }

  /** One message from the heartbeat subject. */
  receive(data: Uint8Array): void {
    let beat: Heartbeat;
    try {
      const parsed = heartbeatSchema.safeParse(JSON.parse(new TextDecoder().decode(data)));
      if (!parsed.success) throw parsed.error;
      beat = parsed.data;
    } catch {
      this.invalidHeartbeats++;
      return;
    }
    const known = this.runners.get(beat.id);
    if (known && !known.dead && known.beat.startedAt !== beat.startedAt) {
      // Same id, new process: the old one died (and its parts with it) before it was missed.
      this.markDead(beat.id, known);
    }
    if (!known && !this.makeRoom()) {
      this.refusedRunners++;
      return;
    }
    const joined = !known || known.dead;
    if (known) this.clock.clearTimeout(known.timer);
    const entry: Entry = { beat, heardAt: this.clock.now(), dead: false, timer: undefined };
    entry.timer = this.clock.setTimeout(() => this.markDead(beat.id, entry), this.deadAfterMs);
    this.runners.set(beat.id, entry);
    if (joined) for (const fn of this.joinListeners) fn(beat.id);
  }

  /** Every runner known, the recently dead included. */
  list(): RunnerInfo[] {
    return [...this.runners.values()].map((e) => this.info(e));
  }

  /** Runners heard from within `RUNNER_DEAD_AFTER_MS`. */
  alive(): RunnerInfo[] {
    return [...this.runners.values()].filter((e) => !e.dead).map((e) => this.info(e));
  }

  isAlive(runnerId: string): boolean {
    const e = this.runners.get(runnerId);
    return e !== undefined && !e.dead;
  }

  /** Called once per death (a runner that comes back and dies again is reported again). */
  onDead(fn: Listener): () => void {
    this.deadListeners.add(fn);
    return () => this.deadListeners.delete(fn);
  }

  /** A runner first heard from, or heard from again after it was dead or restarted. */
  onJoin(fn: Listener): () => void {
    this.joinListeners.add(fn);
    return () => this.joinListeners.delete(fn);
  }

  close(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
    for (const e of this.runners.values()) this.clock.clearTimeout(e.timer);
    this.runners.clear();
    this.deadListeners.clear();
    this.joinListeners.clear();
  }

  private info(e: Entry): RunnerInfo {
    return {
      id: e.beat.id,
      host: e.beat.host,
      slots: e.beat.slots,
      slotsInUse: Math.min(e.beat.parts.length, e.beat.slots),
      heartbeatAgeMs: Math.max(0, Math.round(this.clock.now() - e.heardAt)),
      parts: [...e.beat.parts],
    };
  }

  private markDead(id: string, entry: Entry): void {
    if (entry.dead || this.runners.get(id) !== entry) return;
    entry.dead = true;
    this.clock.clearTimeout(entry.timer);
    entry.timer = this.clock.setTimeout(() => {
      if (this.runners.get(id) === entry) this.runners.delete(id);
    }, FORGET_DEAD_AFTER_MS);
    for (const fn of this.deadListeners) fn(id);
  }

  /** True when a new runner fits, forgetting the longest-dead one if the map is full. */
  private makeRoom(): boolean {
    if (this.runners.size < MAX_RUNNERS) return true;
    let oldest: [string, Entry] | undefined;
    for (const pair of this.runners)
      if (pair[1].dead && (!oldest || pair[1].heardAt < oldest[1].heardAt)) oldest = pair;
    if (!oldest) return false;
    this.clock.clearTimeout(oldest[1].timer);
    this.runners.delete(oldest[0]);
    return true;
  }
}
