import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { z } from 'zod';
import {
  INSTANCE_DEAD_AFTER_MS,
  INSTANCE_HEARTBEAT_MS,
  INSTANCES_PREFIX,
  type InstanceHeartbeat,
} from '../../shared/protocol/instances.js';
import { KvStream } from './kv-stream.js';

/** Instance ids are subject tokens and KV keys. */
export const INSTANCE_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const MAX_INSTANCES = 1_024;

const heartbeatSchema = z.object({
  id: z.string().regex(INSTANCE_ID_PATTERN),
  host: z.string().max(255),
  startedAt: z.number().finite(),
  at: z.number().finite(),
});

export interface InstanceInfo {
  id: string;
  host: string;
  /** ms since its last heartbeat reached this instance. */
  heartbeatAgeMs: number;
}

/**
 * Every server instance puts a heartbeat in the `sluice_kv_instances` bucket each second (the
 * bucket keeps the last one per instance for 10 s, for anyone listing). Each instance also hears
 * the puts live and times them on its own clock (no clock skew between machines matters): one
 * silent for `INSTANCE_DEAD_AFTER_MS` is reported dead once.
 */
export class InstanceDirectory {
  private readonly kv: KvStream<InstanceHeartbeat>;
  private readonly heard = new Map<string, { host: string; at: number }>();
  private readonly deadListeners = new Set<(id: string) => void>();
  private sub: Subscription | undefined;
  private beatTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private readonly startedAt = Date.now();

  constructor(
    private readonly nc: NatsConnection,
    js: JetStreamClient,
    jsm: JetStreamManager,
    readonly self: { id: string; host: string },
  ) {
    this.kv = new KvStream(js, jsm, {
      stream: 'sluice_kv_instances',
      prefix: INSTANCES_PREFIX,
      maxKeys: MAX_INSTANCES,
      maxAgeMs: 10 * INSTANCE_HEARTBEAT_MS,
    });
  }

  async start(): Promise<void> {
    await this.kv.ensure();
    this.sub = this.nc.subscribe(`${INSTANCES_PREFIX}.*`, {
      callback: (err, msg) => {
        if (err) return;
        let beat: z.infer<typeof heartbeatSchema>;
        try {
          const parsed = heartbeatSchema.safeParse(msg.json());
          if (!parsed.success) return;
          beat = parsed.data;
        } catch {
          return;
        }
        if (!this.heard.has(beat.id) && this.heard.size >= MAX_INSTANCES) return;
        this.heard.set(beat.id, { host: beat.host, at: Date.now() });
      },
    });
    await this.beat();
    this.beatTimer = setInterval(() => void this.beat().catch(() => {}), INSTANCE_HEARTBEAT_MS);
    this.checkTimer = setInterval(() => this.check(), INSTANCE_HEARTBEAT_MS / 4);
    this.beatTimer.unref();
    this.checkTimer.unref();
  }

  private async beat(): Promise<void> {
    // Skipped while disconnected: the client would buffer stale beats without a limit.
    if (this.nc.isClosed()) return;
    const hb: InstanceHeartbeat = { ...this.self, startedAt: this.startedAt, at: Date.now() };
    await this.kv.put(this.self.id, hb);
  }

  private check(): void {
    const now = Date.now();
    for (const [id, { at }] of this.heard) {
      if (id === this.self.id || now - at <= INSTANCE_DEAD_AFTER_MS) continue;
      this.heard.delete(id);
      for (const fn of this.deadListeners) fn(id);
    }
  }

  /** Whether `id` was heard from within the dead-after window. */
  isAlive(id: string): boolean {
    if (id === this.self.id) return true;
    const h = this.heard.get(id);
    return h !== undefined && Date.now() - h.at <= INSTANCE_DEAD_AFTER_MS;
  }

  list(): InstanceInfo[] {
    const now = Date.now();
    return [...this.heard].map(([id, h]) => ({ id, host: h.host, heartbeatAgeMs: now - h.at }));
  }

  onDead(fn: (id: string) => void): () => void {
    this.deadListeners.add(fn);
    return () => this.deadListeners.delete(fn);
  }

  close(): void {
    clearInterval(this.beatTimer);
    clearInterval(this.checkTimer);
    this.sub?.unsubscribe();
  }
}
